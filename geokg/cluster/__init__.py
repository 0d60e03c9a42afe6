"""Extraction beyond one machine: shards of the input on a Dask cluster, Parquet tables out,
bulk loads (the store path, or CSV for neo4j-admin) in. Needs the `geokg[dask]` extra."""
