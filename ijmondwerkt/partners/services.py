"""Registering partner systems and managing their secrets.

Secrets are returned once, in plain text, to show to the beheerder; only
hashes are stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.models import AccessToken, Application, RefreshToken

from ijmondwerkt.accounts.models import AccessChange, Municipality, User
from ijmondwerkt.accounts.policy import partner_change_errors
from ijmondwerkt.accounts.services import StaffPolicyError, access_change_record
from ijmondwerkt.partners.models import PartnerSystem
from ijmondwerkt.rest.scopes import all_scopes

API_KEY_MARKER = "iw"


@dataclass(frozen=True)
class Credentials:
    client_id: str
    client_secret: str
    api_key: str


def _hash_key(secret: str) -> str:
    # API keys are 256-bit random values: a plain SHA-256 is a sound hash for them.
    return hashlib.sha256(secret.encode()).hexdigest()


def _validate_scopes(scopes: Iterable[str]) -> list[str]:
    known = all_scopes()
    unknown = sorted(set(scopes) - set(known))
    if unknown:
        raise ValidationError(
            {"scopes": _("Onbekende scopes: %s") % ", ".join(unknown)}
        )
    return sorted(set(scopes))


def _new_secrets(partner: PartnerSystem) -> Credentials:
    client_secret = secrets.token_urlsafe(40)
    application = partner.application
    if application is None:
        application = Application(
            name=partner.name,
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        )
    application.client_secret = client_secret
    application.hash_client_secret = True
    application.save()
    prefix = secrets.token_hex(4)
    key_secret = secrets.token_urlsafe(32)
    partner.application = application
    partner.api_key_prefix = prefix
    partner.api_key_hash = _hash_key(key_secret)
    partner.secret_rotated_at = timezone.now()
    partner.save()
    return Credentials(
        client_id=application.client_id,
        client_secret=client_secret,
        api_key=f"{API_KEY_MARKER}_{prefix}.{key_secret}",
    )


def _check_reach(
    actor: User | None, old_ids: Iterable[int], new_ids: Iterable[int]
) -> None:
    """Refuse what ``actor`` may not give; ``None`` is the system (no policy)."""
    if actor is None:
        return
    errors = partner_change_errors(actor=actor, old_ids=old_ids, new_ids=new_ids)
    if errors:
        raise StaffPolicyError(errors)


def _record(
    actor: User | None,
    partner: PartnerSystem,
    kind: AccessChange.Kind,
    old: object = None,
    new: object = None,
) -> None:
    access_change_record(
        actor=actor,
        subject=partner.user,
        kind=kind,
        old=old,
        new=new,
        label=str(_("Ketenpartner %s") % partner.name),
        target=partner,
    )


def _names(ids: Iterable[int]) -> list[str]:
    return [str(m) for m in Municipality.objects.filter(pk__in=list(ids))]


def _revoke_tokens(partner: PartnerSystem) -> None:
    if partner.application_id is None:
        return
    RefreshToken.objects.filter(application_id=partner.application_id).delete()
    AccessToken.objects.filter(application_id=partner.application_id).delete()


@transaction.atomic
def partner_create(
    *,
    name: str,
    municipalities: Iterable[Municipality],
    scopes: Iterable[str],
    contact_email: str = "",
    throttle_rate: str = "",
    actor: User | None = None,
) -> tuple[PartnerSystem, Credentials]:
    """Register a partner system and issue its first credentials.

    ``actor`` (the person in beheer) may give only municipalities it serves;
    the registration, its scopes and municipalities go to the audit trail.
    """
    ids = {m.pk for m in municipalities}
    _check_reach(actor, (), ids)
    user = User(
        username=f"api-{secrets.token_hex(6)}", first_name=name, last_name="(API)"
    )
    user.set_unusable_password()
    user.save()
    user.municipalities.set(ids)
    partner = PartnerSystem(
        name=name,
        contact_email=contact_email,
        scopes=_validate_scopes(scopes),
        throttle_rate=throttle_rate,
        user=user,
    )
    partner.full_clean()
    partner.save()
    _record(actor, partner, AccessChange.Kind.PARTNER_CREATED)
    _record(actor, partner, AccessChange.Kind.SCOPES, [], partner.scopes)
    _record(actor, partner, AccessChange.Kind.MUNICIPALITIES, [], _names(ids))
    return partner, _new_secrets(partner)


@transaction.atomic
def partner_update(
    *,
    partner: PartnerSystem,
    name: str,
    municipalities: Iterable[Municipality],
    scopes: Iterable[str],
    contact_email: str = "",
    throttle_rate: str = "",
    actor: User | None = None,
) -> PartnerSystem:
    """Change what a partner system may see and do; its secrets stay as they are.

    ``actor`` may change only a partner within its municipalities and give only
    those; scope and municipality changes go to the audit trail.
    """
    partner = PartnerSystem.objects.select_for_update().get(pk=partner.pk)
    old_ids = set(partner.user.municipalities.values_list("pk", flat=True))
    new_ids = {m.pk for m in municipalities}
    _check_reach(actor, old_ids, new_ids)
    old_scopes = list(partner.scopes)
    partner.name = name
    partner.contact_email = contact_email
    partner.scopes = _validate_scopes(scopes)
    partner.throttle_rate = throttle_rate
    partner.full_clean()
    partner.save()
    partner.user.first_name = name
    partner.user.save(update_fields=["first_name"])
    partner.user.municipalities.set(new_ids)
    _record(actor, partner, AccessChange.Kind.SCOPES, old_scopes, partner.scopes)
    _record(
        actor,
        partner,
        AccessChange.Kind.MUNICIPALITIES,
        _names(old_ids),
        _names(new_ids),
    )
    return partner


def _partner_ids(partner: PartnerSystem) -> set[int]:
    return set(partner.user.municipalities.values_list("pk", flat=True))


@transaction.atomic
def partner_rotate_secret(
    *, partner: PartnerSystem, actor: User | None = None
) -> Credentials:
    """Issue a new client secret and API key; the old ones and all tokens stop working.

    The new secrets are shown to ``actor``, so only within its municipalities.
    """
    ids = _partner_ids(partner)
    _check_reach(actor, ids, ids)
    _revoke_tokens(partner)
    _record(actor, partner, AccessChange.Kind.PARTNER_SECRET)
    return _new_secrets(partner)


@transaction.atomic
def partner_revoke(
    *, partner: PartnerSystem, actor: User | None = None
) -> PartnerSystem:
    """Switch a partner system off: no token, key or secret works any more."""
    ids = _partner_ids(partner)
    _check_reach(actor, ids, ids)
    _record(actor, partner, AccessChange.Kind.PARTNER_REVOKED, True, False)
    _revoke_tokens(partner)
    partner.active = False
    partner.api_key_hash = ""
    partner.save(update_fields=["active", "api_key_hash"])
    partner.user.is_active = False
    partner.user.save(update_fields=["is_active"])
    return partner


def partner_for_api_key(raw: str) -> PartnerSystem | None:
    """The active partner system an API key belongs to, or None."""
    marker, _sep, rest = raw.partition("_")
    prefix, _dot, secret = rest.partition(".")
    if marker != API_KEY_MARKER or not prefix or not secret:
        return None
    partner = (
        PartnerSystem.objects.select_related("user")
        .filter(api_key_prefix=prefix, active=True, user__is_active=True)
        .first()
    )
    if partner is None or not partner.api_key_hash:
        return None
    if not hmac.compare_digest(partner.api_key_hash, _hash_key(secret)):
        return None
    return partner
