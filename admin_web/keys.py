"""Typed application and request keys."""

from __future__ import annotations

from aiohttp import web

from admin_web.nav import NavItem
from core.actor import Actor
from core.deps import Deps
from core.permissions import Permission
from core.services.accounts import Workplace
from core.services.orgs import OrganisationView

DEPS = web.AppKey("deps", Deps)
ACTOR = web.RequestKey("actor", Actor)
LANGUAGE = web.RequestKey("language", str)
ORGANISATION = web.RequestKey("organisation", OrganisationView)
WORKPLACES = web.RequestKey("workplaces", list[Workplace])
NAV = web.RequestKey("nav", list[NavItem])
GRANTED = web.RequestKey("granted", frozenset[Permission])


def deps_of(request: web.Request) -> Deps:
    return request.app[DEPS]


def actor_of(request: web.Request) -> Actor:
    """The signed-in actor; the auth middleware guarantees it on protected routes."""
    return request[ACTOR]


def language_of(request: web.Request) -> str:
    language: str = request.get(LANGUAGE, "ru")
    return language


def granted_of(request: web.Request) -> frozenset[Permission]:
    """What the signed-in actor may do here (to show only usable buttons; core still checks)."""
    return request[GRANTED]
