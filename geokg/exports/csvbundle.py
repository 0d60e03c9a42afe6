"""A folder of CSV files for `neo4j-admin database import full`, with a README giving the command.

The properties are those the stores write (`geokg.graph.values`), so an imported database
answers the canned queries like one filled by `geokg push`; a relation's evidence is its
parallel lists (`sentences`, `articles`, `urls`, ...), one array column each. Array values
are joined with U+001F (the ASCII unit separator, `--array-delimiter=U+001F`), which is
dropped from their elements, so a sentence keeps its `;` and `,`. Line breaks in text fields
become spaces, so no field spans lines.

Cells are safe to open in a spreadsheet (OWASP's CSV injection advice): a text cell that
starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so it is never
run as a formula, and NUL characters are dropped. Numbers are written as they are.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from geokg.graph.model import Article, Entity, GraphFragment, Relation
from geokg.graph.values import (
    EVIDENCE_LISTS,
    article_props,
    entity_props,
    mention_pairs,
    relation_props,
)
from geokg.graph.vocabulary import node_label

ARRAY_DELIMITER = "\x1f"  # U+001F, the unit separator: dropped from the elements of arrays
ARRAY_DELIMITER_OPTION = "U+001F"  # how neo4j-admin's --array-delimiter names it
_DROPPED = re.compile("[\ud800-\udfff\x00]")  # lone surrogates, NUL
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ENTITY_HEADER = ["id:ID(Entity)", "name", "type", "aliases:string[]", "country", "wikidata",
                 "roles:string[]", ":LABEL"]
ARTICLE_HEADER = ["id:ID(Article)", "title", "url", "published:date", "source", ":LABEL"]
RELATION_HEADER = [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "type", "category", "date",
                   "date_start:date", "date_end:date", "status", "confidence:double",
                   "properties", "sentences:string[]", "articles:string[]",
                   "article_ids:string[]", "urls:string[]", "published:string[]",
                   "rules:string[]", "starts:long[]", "ends:long[]", "dates:string[]"]
MENTION_HEADER = [":START_ID(Article)", ":END_ID(Entity)", ":TYPE"]

IMPORT_COMMAND = """neo4j-admin database import full neo4j --overwrite-destination=true \\
  --nodes=entities.csv --nodes=articles.csv \\
  --relationships=relations.csv --relationships=mentions.csv \\
  --delimiter=, --array-delimiter=U+001F --quote='"'"""

README = f"""geokg graph export for neo4j-admin (Neo4j 5.x)

Stop Neo4j (an offline import replaces the database `neo4j`), then run in this folder:

{IMPORT_COMMAND}

Start Neo4j and create the constraint geokg expects:

  CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;

Files: entities.csv (:Entity:<Type>), articles.csv (:Article), relations.csv (one
relationship per geokg relation, typed by its action), mentions.csv ((:Article)-[:MENTIONS]->
(:Entity)). Ids live in two id spaces, Entity and Article.
Arrays are separated by U+001F (the unit separator, dropped from their elements). A relation's
evidence is parallel arrays, one element per item in the same order: sentences, articles
(the article's title, else its URL or file name), article_ids, urls, published, rules,
starts, ends (the sentence's span in the article) and dates (the date each item reported);
an empty element means no value, and an array whose only element is empty is an empty cell.
`date` is the ISO prefix (2025, 2025-10 or 2025-10-24), `date_start`/`date_end` the days it
spans; empty cells are absent properties. A text cell that began with =, +, -, @, a tab or a
carriage return starts with an added ' (so that no spreadsheet runs it as a formula); NUL
characters were dropped.
"""


def _text(value: Any) -> Any:
    """A single-line UTF-8 cell (line breaks become spaces, lone surrogates and NUL are
    dropped) that no spreadsheet runs as a formula; None stays an empty cell (no property)."""
    if not isinstance(value, str):
        return value
    return neutralize(_single_line(value))


def _single_line(value: str) -> str:
    return " ".join(_DROPPED.sub("", value).splitlines())


def neutralize(cell: str) -> str:
    """`'` before a cell that a spreadsheet would read as a formula (OWASP)."""
    return f"'{cell}" if cell.startswith(FORMULA_START) else cell


def _array(values: Iterable[str | int]) -> str:
    return ARRAY_DELIMITER.join(_single_line(v).replace(ARRAY_DELIMITER, "")
                                if isinstance(v, str) else str(v) for v in values)


def _fragment(graph: nx.MultiDiGraph) -> GraphFragment:
    """The model objects behind a `to_networkx` graph."""
    return GraphFragment(
        articles=[Article.model_validate(a) for a in graph.graph.get("articles", {}).values()],
        entities=[Entity.model_validate({**d, "id": n}) for n, d in graph.nodes(data=True)],
        relations=[Relation.model_validate({**d, "source": u, "target": v})
                   for u, v, d in graph.edges(data=True)])


def write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> None:
    """Write one CSV file of the bundle (cells made single-line), streaming the rows."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([_text(c) for c in row])


def entity_row(entity: Entity) -> list[Any]:
    """The entities.csv row of an entity."""
    p = entity_props(entity)
    return [p["id"], p["name"], p["type"], _array(p["aliases"]), p["country"], p["wikidata"],
            _array(p["roles"]), f"Entity{ARRAY_DELIMITER}{node_label(p['type'])}"]


def article_row(article: Article) -> list[Any]:
    """The articles.csv row of an article."""
    p = article_props(article)
    return [p["id"], p["title"], p["url"], p["published"], p["source"], "Article"]


def relation_row(relation: Relation,
                 articles: Mapping[str, Article | Mapping[str, Any]] | None = None
                 ) -> list[Any]:
    """The relations.csv row of a relation (`articles`: by id, the articles its evidence
    cites, which name them; see `relation_props`)."""
    p = relation_props(relation, articles)
    return [relation.source, relation.target, relation.type, p["type"], p["category"],
            p["date"], p["date_start"] and p["date_start"].isoformat(),
            p["date_end"] and p["date_end"].isoformat(), p["status"], p["confidence"],
            p["properties"], *(_array(p[name]) for name in EVIDENCE_LISTS)]


def write_csv_bundle(graph: Any, folder: str | Path) -> Path:
    """Write entities.csv, articles.csv, relations.csv, mentions.csv and README.txt into
    `folder` (created if needed); returns the folder. A `StreamedGraph` is written as it is
    read (its mentions sorted by SQLite)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(graph, nx.Graph):
        fragment = _fragment(graph)
        entities, articles, relations = fragment.entities, fragment.articles, fragment.relations
        mentions: Iterable[tuple[str, str]] = mention_pairs(fragment)
    else:
        entities = (Entity.model_validate({**d, "id": n}) for n, d in graph.nodes(data=True))
        articles = [Article.model_validate(a) for a in graph.articles().values()]
        relations = (Relation.model_validate({**d, "source": u, "target": v})
                     for u, v, d in graph.edges(data=True))
        mentions = graph.mention_pairs()
    write_csv(folder / "entities.csv", ENTITY_HEADER, map(entity_row, entities))
    write_csv(folder / "articles.csv", ARTICLE_HEADER, map(article_row, articles))
    by_id = {a.id: a for a in articles}
    write_csv(folder / "relations.csv", RELATION_HEADER,
              (relation_row(r, by_id) for r in relations))
    write_csv(folder / "mentions.csv", MENTION_HEADER,
              ([article, entity, "MENTIONS"] for article, entity in mentions))
    (folder / "README.txt").write_text(README, encoding="utf-8")
    return folder


def read_array(cell: str) -> list[str]:
    """The elements of a relations.csv array cell (an empty cell: none)."""
    return cell.split(ARRAY_DELIMITER) if cell else []
