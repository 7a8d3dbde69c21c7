"""Frozen dataclasses to JSON-ready data and back, checked against their own type annotations.

For caches read back from disk: unlike pickle, decoding runs no code from the file, and every
value must have exactly the type its annotation names (the annotations are the schema), or
:class:`DecodeError` is raised and the cache is ignored. Handles what the model uses: str, int,
bool, None, Decimal, datetime.date, unions, ``tuple[X, ...]``, ``tuple[X, Y]``, ``dict[str, X]``,
``frozenset[X]`` and nested dataclasses.
"""

from __future__ import annotations

import dataclasses
import datetime
import types
import typing
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any


class DecodeError(ValueError):
    """The data does not have the shape its type annotation names."""


def encode(value: Any) -> Any:
    """``value`` as JSON-ready data (tagged where JSON has no type of its own)."""
    if dataclasses.is_dataclass(value):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, dict):
        return {key: encode(item) for key, item in value.items()}
    if isinstance(value, frozenset):
        return sorted(encode(item) for item in value)
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    raise TypeError(f"cannot encode {type(value).__name__}")


def decode(data: Any, kind: Any) -> Any:
    """The value of type ``kind`` that :func:`encode` gave ``data`` for; raises
    :class:`DecodeError` on anything else."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        for option in args:
            try:
                return decode(data, option)
            except DecodeError:
                continue
        raise DecodeError(f"none of {kind} fits {data!r:.60}")
    if dataclasses.is_dataclass(kind):
        return _decode_dataclass(data, kind)
    if kind is type(None) or kind is None:
        return _expect(data, type(None))
    if kind in (str, bool):
        return _expect(data, kind)
    if kind is int:
        return _expect(data, int) if not isinstance(data, bool) else _fail(data, kind)
    if kind is Decimal:
        return _tagged(data, "decimal", Decimal)
    if kind is datetime.date:
        return _tagged(data, "date", datetime.date.fromisoformat)
    if origin is dict:
        items = _expect(data, dict).items()
        return {_expect(key, str): decode(value, args[1]) for key, value in items}
    if origin is frozenset:
        return frozenset(decode(item, args[0]) for item in _expect(data, list))
    if origin is tuple:
        items = _expect(data, list)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(item, args[0]) for item in items)
        if len(items) != len(args):
            raise DecodeError(f"expected {len(args)} items, got {len(items)}")
        return tuple(decode(item, arg) for item, arg in zip(items, args, strict=True))
    raise DecodeError(f"no decoder for {kind}")


def _decode_dataclass(data: Any, kind: type) -> Any:
    fields = _fields(kind)
    data = _expect(data, dict)
    if set(data) != set(fields):
        raise DecodeError(f"{kind.__name__}: fields {sorted(data)}")
    return kind(**{name: decode(data[name], hint) for name, hint in fields.items()})


@cache
def _fields(kind: type) -> dict[str, Any]:
    hints = typing.get_type_hints(kind)
    return {f.name: hints[f.name] for f in dataclasses.fields(kind)}


def _expect(data: Any, kind: type) -> Any:
    return data if isinstance(data, kind) else _fail(data, kind)


def _fail(data: Any, kind: Any) -> typing.NoReturn:
    raise DecodeError(f"expected {kind}, got {type(data).__name__}")


def _tagged(data: Any, tag: str, make: Any) -> Any:
    if not (isinstance(data, dict) and set(data) == {tag} and isinstance(data[tag], str)):
        _fail(data, tag)
    try:
        return make(data[tag])
    except (ValueError, InvalidOperation) as err:
        raise DecodeError(str(err)) from None
