"""The one way SQL text gets a name or a value that was not typed into the code: quoted here.

Values go to DuckDB as `?` parameters wherever a statement accepts them. What cannot be a
parameter (a table or schema name, the path of a `copy ... to`, a `read_parquet` argument) is
quoted by these functions, so a table named `x"; drop table raw.y; --` or a folder named `it's` is
one name, never SQL. A NUL character cannot be quoted in SQL text, so it is refused.
"""


def identifier(name: str) -> str:
    """`name` as a double-quoted SQL identifier, its own double quotes doubled."""
    _refuse_nul(name)
    if not name:
        raise ValueError("an SQL identifier cannot be empty")
    return '"' + name.replace('"', '""') + '"'


def qualified(*parts: str) -> str:
    """A dotted name (`schema.table`), each part quoted as an identifier."""
    return ".".join(identifier(part) for part in parts)


def literal(value: str) -> str:
    """`value` as a single-quoted SQL string literal, its own single quotes doubled."""
    _refuse_nul(value)
    return "'" + value.replace("'", "''") + "'"


def _refuse_nul(text: str) -> None:
    if "\x00" in text:
        raise ValueError("SQL text cannot hold a NUL character")
