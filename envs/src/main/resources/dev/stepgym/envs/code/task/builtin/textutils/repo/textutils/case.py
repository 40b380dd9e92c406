"""Converting identifiers between naming styles."""


def snake_to_camel(name: str) -> str:
    """'parse_http_header' -> 'parseHttpHeader'."""
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def camel_to_snake(name: str) -> str:
    """'parseHttpHeader' -> 'parse_http_header': an underscore before every capital but the first."""
    out: list[str] = []
    for index, char in enumerate(name):
        if char.isupper() and index > 0:
            out.append("_")
        out.append(char.lower())
    return "".join(out)
