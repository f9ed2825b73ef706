"""Shapes of the culture API."""

from __future__ import annotations

from typing import Literal

from ninja import Schema
from pydantic import Field

from cortesia.core.api_input import InputSchema
from cortesia.culture.address_forms import Register
from cortesia.culture.names import Title


class AddressIn(InputSchema):
    language: str = Field(min_length=2, max_length=10, examples=["bg"])
    # "register" would shadow a pydantic attribute; the JSON key stays "register".
    formality: Register | None = Field(
        default=None, alias="register", description="Default: the language's own."
    )
    title: Title | None = Field(default=None, description="Only a title the person chose.")
    given_name: str = Field(default="", max_length=150)
    given_name2: str = Field(default="", max_length=150)
    surname: str = Field(default="", max_length=150)
    surname2: str = Field(default="", max_length=150)


class AddressOut(Schema):
    greeting: str
    closing: str
    name: str


class RegisterDefaultIn(InputSchema):
    # "register" would shadow a pydantic attribute; the JSON key stays "register".
    formality: Literal["formal", "informal"] = Field(alias="register")


class RegisterDefaultOut(Schema):
    language: str = Field(examples=["it"])
    formality: Literal["formal", "informal"] = Field(alias="register")
