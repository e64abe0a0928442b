"""Short human titles of the mismatch flags (plain constants, cheap to import for the app)."""

from __future__ import annotations

FLAG_TITLES = {
    "aimless_activity": "Aimless activity",
    "audience_drift": "Audience drift",
    "neglected_audience": "Neglected audience",
    "neglected_account": "Neglected account",
    "invisible_effort": "Invisible effort",
    "low_reply_rate": "Low reply rate",
    "generic_outreach": "Generic outreach",
    "official_gap": "Official SSI gap",
}
