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
    return _decoder(kind)(data)


Decoder = typing.Callable[[Any], Any]


@cache
def _decoder(kind: Any) -> Decoder:
    """The decoding function of ``kind``, made once per type (a model has ~10,000 values of a
    few dozen types: looking at each annotation once per value was most of the decode's time)."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        return _union_decoder(kind, args)
    if dataclasses.is_dataclass(kind):
        return _dataclass_decoder(kind)
    if kind is type(None) or kind is None:
        return lambda data: _expect(data, type(None))
    if kind in (str, bool):
        return lambda data: data if isinstance(data, kind) else _fail(data, kind)
    if kind is int:
        return lambda data: data if isinstance(data, int) and not isinstance(data, bool) \
            else _fail(data, kind)
    if kind is Decimal:
        return lambda data: _tagged(data, "decimal", Decimal)
    if kind is datetime.date:
        return lambda data: _tagged(data, "date", datetime.date.fromisoformat)
    if origin is dict:
        value = _decoder(args[1])
        return lambda data: {_expect(key, str): value(item)
                             for key, item in _expect(data, dict).items()}
    if origin is frozenset:
        item = _decoder(args[0])
        return lambda data: frozenset(map(item, _expect(data, list)))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        return lambda data: tuple(map(item, _expect(data, list)))
    if origin is tuple:
        return _fixed_tuple_decoder(args)

    def unknown(data: Any) -> typing.NoReturn:
        raise DecodeError(f"no decoder for {kind}")

    return unknown


def _union_decoder(kind: Any, args: tuple) -> Decoder:
    options = [_decoder(option) for option in args]

    def union(data: Any) -> Any:
        for option in options:
            try:
                return option(data)
            except DecodeError:
                continue
        raise DecodeError(f"none of {kind} fits {data!r:.60}")

    return union


def _dataclass_decoder(kind: type) -> Decoder:
    fields: dict[str, Decoder] = {}  # filled at the first call: a dataclass may contain itself

    def dataclass(data: Any) -> Any:
        if not fields:
            fields.update({name: _decoder(hint) for name, hint in _fields(kind).items()})
        data = _expect(data, dict)
        if data.keys() != fields.keys():
            raise DecodeError(f"{kind.__name__}: fields {sorted(data)}")
        return kind(**{name: decode_field(data[name]) for name, decode_field in fields.items()})

    return dataclass


def _fixed_tuple_decoder(args: tuple) -> Decoder:
    items = [_decoder(arg) for arg in args]

    def fixed(data: Any) -> tuple:
        data = _expect(data, list)
        if len(data) != len(items):
            raise DecodeError(f"expected {len(items)} items, got {len(data)}")
        return tuple(item(value) for item, value in zip(items, data, strict=True))

    return fixed


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
