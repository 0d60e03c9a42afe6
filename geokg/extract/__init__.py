"""The event coder: sentences, actor mentions, resolution, dates, status and the engines that
find events in a sentence."""
