"""``[targets.X.api]``: how API steps and probes act as a user of the target, and how a
listing is paged where its answers do not show it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import parse_qsl

from golive.inputs.document import Document, Key, did_you_mean

API_AUTH = ("token", "session", "none")


@dataclass(frozen=True)
class ApiAuth:
    """How API steps and probes act as a user of the target.

    ``token``: POST the credentials as JSON to ``token_path``, send the token it gives in
    the Authorization header. ``session``: sign in through the login page and reuse its
    cookies and CSRF token, as the browser does. ``none``: the API is only called
    anonymously; a step acting as a role is refused with a reason. ``page_query``: how
    a listing pages where its answers do not show it (``golive.pytest.listing``).
    """

    auth: str = "session"
    token_path: str | None = None
    username_field: str = "username"
    password_field: str = "password"  # a JSON field name  # noqa: S105
    token_field: str = "token"  # a JSON field name  # noqa: S105
    scheme: str = "Bearer"
    page_query: str | None = None
    page_size: int = 100


PAGE_FIELDS = ("page", "page0", "size", "offset")
MAX_PAGE_SIZE = 10_000


def read_api(doc: Document, keys: Key, data: Mapping[str, Any]) -> ApiAuth:
    """``[targets.X.api]``, checked."""
    defaults = ApiAuth()
    doc.keys(data, keys, {f.name for f in fields(ApiAuth)})
    page_size = doc.get(data, (*keys, "page_size"), int, defaults.page_size)
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise doc.error((*keys, "page_size"), f"{page_size} is not from 1 to {MAX_PAGE_SIZE}")
    path = doc.get(data, (*keys, "token_path"), str, "") or None
    if path is not None and not path.startswith("/"):
        raise doc.error((*keys, "token_path"), f"{path!r} must be a path starting with '/'")
    auth = doc.get(data, (*keys, "auth"), str, "token" if path else "session")
    if auth not in API_AUTH:
        raise doc.error(
            (*keys, "auth"),
            f"{auth!r} is not one of {', '.join(API_AUTH)}{did_you_mean(auth, API_AUTH)}",
        )
    if auth == "token" and path is None:
        raise doc.error(
            (*keys, "auth"),
            "auth = 'token' needs token_path, the endpoint that gives a token "
            "(or auth = 'session' to sign in through the login page)",
        )
    return ApiAuth(
        auth=auth,
        token_path=path,
        username_field=doc.get(data, (*keys, "username_field"), str, defaults.username_field),
        password_field=doc.get(data, (*keys, "password_field"), str, defaults.password_field),
        token_field=doc.get(data, (*keys, "token_field"), str, defaults.token_field),
        scheme=doc.get(data, (*keys, "scheme"), str, defaults.scheme),
        page_query=_page_query(doc, (*keys, "page_query"), data),
        page_size=page_size,
    )


def _page_query(doc: Document, keys: Key, data: Mapping[str, Any]) -> str | None:
    query: str = doc.get(data, keys, str, "")
    try:
        parse_qsl(query.format(page=1, page0=0, size=1, offset=0), strict_parsing=bool(query))
    except (KeyError, IndexError, ValueError) as error:
        name = str(error.args[0]) if isinstance(error, KeyError) else None
        raise doc.error(
            keys,
            f"{{{name}}} is not a placeholder{did_you_mean(name, PAGE_FIELDS)}; valid: "
            "{page} (from 1), {page0} (from 0), {size}, {offset} (records read so far)"
            if name is not None
            else f"{query!r} is not a query: name=value pairs joined by '&', with "
            "{page}, {page0}, {size} or {offset} where the numbers go",
        ) from None
    if query[:1] == "?" or (query and not re.search(r"\{(page|page0|offset)[}:!]", query)):
        raise doc.error(
            keys,
            f"{query!r} must say the page, without '?': put {{page}} (from 1), {{page0}} "
            "(from 0) or {offset} in it, e.g. 'page={page}&page_size={size}'",
        )
    return query or None
