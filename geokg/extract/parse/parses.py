"""The parses of the sentences seen last, each distinct sentence parsed once.

News repeats sentences (wire copy, boilerplate closing lines, updates restating the lede; see
`geokg.extract.memo`), and the parse engine parses each sentence as a Doc of its own, so a
sentence's parse depends on its text alone. `Parses` hands out the Doc of a text parsed
before (nothing changes a Doc once parsed) and parses only the others, a batch at a time.

Tried and left (issue 15): parsing each article as one Doc, its sentences preset as sentence
starts (spaCy 3.8's parser attaches no word across a preset start, its NER runs no name across
one), then cut back into one Doc per sentence. spaCy parses an article as one Doc some 7-8%
faster than its sentences one Doc each (its CNN encoders, tok2vec's and NER's, put 4 zero rows
around every Doc: about 35% more rows on 11-word sentences; that padding is what keeps a
sentence's parse its own), but a parse then depends on the neighbouring sentences,
so it can no longer be remembered by its text: on the synthetic articles (15-18% repeated
sentences) the ratio to `nlp.pipe` rose about 0.02-0.05 on distinct sentences and fell about
0.05-0.10 on all articles. Memory wins wherever more than some 7% of sentences repeat.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

PARSES_REMEMBERED = 1024  # Docs of about 15 KB: some 15 MB, the same at any corpus size


class Parses:
    """A spaCy pipeline's parses of sentences, remembering the last `size` distinct ones."""

    def __init__(self, nlp: Language, size: int = PARSES_REMEMBERED) -> None:
        self.nlp, self.size = nlp, size
        self._remembered: OrderedDict[str, Doc] = OrderedDict()

    def of(self, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
        """The parses of `texts`, in order, `batch_size` texts at a time (read lazily, as
        `nlp.pipe` reads them: a reader that stops early stops the parsing too); a text
        parsed before, or earlier in its batch, is not parsed again."""
        texts = iter(texts)
        while batch := list(islice(texts, batch_size)):
            known = {text: self._remembered[text] for text in batch if text in self._remembered}
            new = [text for text in dict.fromkeys(batch) if text not in known]
            known.update(zip(new, self.nlp.pipe(new, batch_size=batch_size), strict=True))
            for text in dict.fromkeys(batch):
                self._remember(text, known[text])
            yield from (known[text] for text in batch)

    def _remember(self, text: str, doc: Doc) -> None:
        self._remembered[text] = doc
        self._remembered.move_to_end(text)
        if len(self._remembered) > self.size:
            self._remembered.popitem(last=False)

    def forget(self) -> None:
        """Drop every remembered parse."""
        self._remembered.clear()
