"""geokg benchmarks: extraction quality (`quality`) and speed (`speed`). Not tests."""
