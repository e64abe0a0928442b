"""Synthetic LinkedIn exports written from the format facts (LINKEDIN_EXPORT.md): invented people
only, every quirk available on demand. Not a test module."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

CONNECTIONS_PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    'connections to see or download their email address."\r\n'
    "\r\n"
)
CONNECTIONS_HEADER = [
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
]
MESSAGES_HEADER_2026 = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
    "ATTACHMENTS",
    "IS MESSAGE DRAFT",
    "IS CONVERSATION DRAFT",
]
INVITATIONS_HEADER = [
    "From",
    "To",
    "Sent At",
    "Message",
    "Direction",
    "inviterProfileUrl",
    "inviteeProfileUrl",
]
OWNER_NAME = "Olivia Owner"
OWNER_URL = "https://www.linkedin.com/in/olivia-owner-0a1b2c"


def csv_text(header: Sequence[str] | None, rows: Sequence[Sequence[str]], **options: object) -> str:
    """CSV text with CRLF line ends, as LinkedIn writes it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", **options)  # type: ignore[arg-type]
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


@dataclass
class ExportBuilder:
    """Files of a fake export by name; write it as a ZIP (flat or under a top folder) or folder."""

    files: dict[str, str | bytes] = field(default_factory=dict)

    def add(self, name: str, text: str | bytes) -> ExportBuilder:
        self.files[name] = text
        return self

    # -- the files --------------------------------------------------------------------
    def connections(
        self, rows: Sequence[Sequence[str]], *, preamble: bool = True, name: str = "Connections.csv"
    ) -> ExportBuilder:
        text = csv_text(CONNECTIONS_HEADER, rows)
        return self.add(name, (CONNECTIONS_PREAMBLE if preamble else "") + text)

    def messages(
        self,
        rows: Sequence[Sequence[str]],
        *,
        header: Sequence[str] = MESSAGES_HEADER_2026,
        quote_header: bool = True,
        name: str = "messages.csv",
    ) -> ExportBuilder:
        head = ",".join(f'"{column}"' if quote_header else column for column in header) + "\r\n"
        return self.add(name, head + csv_text(None, rows))

    def invitations(self, rows: Sequence[Sequence[str]]) -> ExportBuilder:
        return self.add(
            "Invitations.csv", csv_text(INVITATIONS_HEADER, rows, quoting=csv.QUOTE_ALL)
        )

    def table(
        self, name: str, header: Sequence[str], rows: Sequence[Sequence[str]]
    ) -> ExportBuilder:
        return self.add(name, csv_text(header, rows))

    # -- writing ------------------------------------------------------------------------
    def zip(self, path: Path, *, top: str | None = None, bom: bool = False) -> Path:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in self.files.items():
                data = text.encode("utf-8") if isinstance(text, str) else text
                if bom and isinstance(text, str):
                    data = b"\xef\xbb\xbf" + data
                archive.writestr(f"{top}/{name}" if top else name, data)
        return path

    def folder(self, path: Path) -> Path:
        for name, text in self.files.items():
            target = path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return path


def message_row(
    conversation: str,
    sender: tuple[str, str],
    recipient: tuple[str, str],
    date: str,
    content: str = "Hello",
    *,
    draft: str = "false",
) -> list[str]:
    """One 2026-format message row: sender and recipient as (name, profile URL)."""
    return [
        conversation,
        "",
        sender[0],
        sender[1],
        recipient[0],
        recipient[1],
        date,
        "",
        content,
        "INBOX",
        "",
        draft,
        "false",
    ]


def person(slug: str, name: str) -> tuple[str, str]:
    """(name, profile URL) of an invented member."""
    return name, f"https://www.linkedin.com/in/{slug}"


OWNER = (OWNER_NAME, OWNER_URL)


def standard_export() -> ExportBuilder:
    """A small export with one of every file the importer reads, every quirk at least once."""
    builder = ExportBuilder()
    builder.connections(
        [
            [
                "Ada",
                "Example",
                "https://www.linkedin.com/in/ada-example",
                "",
                "Contoso",
                "VP Sales",
                "04 Mar 2024",
            ],
            [
                "Jürgen",
                "Muster",
                "https://www.linkedin.com/in/j%C3%BCrgen-muster",
                "",
                "Fabrikam",
                "Partner Manager",
                "1 Feb 2023",
            ],
            ["", "", "", "", "", "", ""],
            ["Ben", "NoUrl", "", "", "Initech", "Engineer", "15 Dec 2022"],
        ]
    )
    builder.invitations(
        [
            [
                OWNER_NAME,
                "Cara Prospect",
                "9/27/25, 8:41 AM",
                "Hi Cara, loved your talk",
                "OUTGOING",
                OWNER_URL,
                "https://www.linkedin.com/in/cara-prospect",
            ],
            [
                OWNER_NAME,
                "Dan Generic",
                "10/1/25, 12:05 PM",
                "",
                "OUTGOING",
                OWNER_URL,
                "https://www.linkedin.com/in/dan-generic",
            ],
            [
                "Eve Recruiter",
                OWNER_NAME,
                "10/3/25, 9:00 AM",
                "",
                "INCOMING",
                "https://www.linkedin.com/in/eve-recruiter",
                OWNER_URL,
            ],
        ]
    )
    ada = person("ada-example", "Ada Example")
    frank = person("frank-new", "Frank New")
    builder.messages(
        [
            message_row(
                "conv-1",
                OWNER,
                ada,
                "2025-10-02 09:15:00 UTC",
                'Hi Ada,\nmulti-line\n"quoted" body',
            ),
            message_row("conv-1", ada, OWNER, "2025-10-02 10:00:00 UTC", "Thanks!"),
            message_row("conv-2", frank, OWNER, "2025-10-05 18:30:00 UTC", "Hello there"),
            message_row(
                "conv-2", OWNER, frank, "2025-10-06 08:00:00 UTC", "draft text", draft="true"
            ),
        ]
    )
    builder.add(
        "Shares.csv",
        csv_text(
            ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"],
            [
                [
                    "2025-09-01 08:00:00",
                    "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7001",
                    '"\n"'.join(["First line of my post", "second line"]),
                    "",
                    "",
                    "MEMBER_NETWORK",
                ],
                [
                    "2025-09-03 08:00:00",
                    "https://www.linkedin.com/feed/update/urn:li:activity:7002",
                    "",
                    "https://example.com/a",
                    "",
                    "MEMBER_NETWORK",
                ],
            ],
        ),
    )
    builder.add(
        "Comments_123456.csv",
        "Date,Link,Message\r\n"
        '2025-09-05 10:00:00,https://www.linkedin.com/feed/update/urn:li:activity:7003,"He said \\"hi\\", then\r\nleft"\r\n'
        ',https://www.linkedin.com/feed/update/urn:li:activity:7004,"No date here"\r\n',
    )
    builder.table(
        "Reactions_123456.csv",
        ["Date", "Type", "Link"],
        [
            [
                "2025-09-06 11:00:00",
                "PRAISE",
                "https://www.linkedin.com/feed/update/urn:li:activity:7005",
            ]
        ],
    )
    builder.table(
        "Votes.csv",
        ["Date", "Link", "OptionText"],
        [
            [
                "2025-09-07 11:00:00",
                "https://www.linkedin.com/feed/update/urn:li:activity:7006",
                "Yes",
            ]
        ],
    )
    builder.table(
        "InstantReposts.csv",
        ["Date", "Link"],
        [["2025-09-08 11:00:00", "https://www.linkedin.com/feed/update/urn:li:activity:7007"]],
    )
    builder.table(
        "Endorsement_Received_Info.csv",
        [
            "Endorsement Date",
            "Skill Name",
            "Endorser First Name",
            "Endorser Last Name",
            "Endorser Public Url",
            "Endorsement Status",
        ],
        [
            [
                "2025/08/01 10:00:00 UTC",
                "Python",
                "Ada",
                "Example",
                "www.linkedin.com/in/ada-example",
                "ACCEPTED",
            ]
        ],
    )
    builder.table(
        "Endorsement Given Info.csv",
        [
            "Endorsement Date",
            "Skill Name",
            "Endorsee First Name",
            "Endorsee Last Name",
            "Endorsee Public Url",
            "Endorsement Status",
        ],
        [
            [
                "2025/08/02 10:00:00 UTC",
                "Sales",
                "Cara",
                "Prospect",
                "www.linkedin.com/in/cara-prospect",
                "ACCEPTED",
            ]
        ],
    )
    recommendation_header = [
        "First Name",
        "Last Name",
        "Company",
        "Job Title",
        "Text",
        "Creation Date",
        "Status",
    ]
    builder.table(
        "Recommendations_Received.csv",
        recommendation_header,
        [
            [
                "Gina",
                "Mentor",
                "Globex",
                "Head of Data",
                "Great colleague",
                "03/14/21, 01:52 AM",
                "VISIBLE",
            ],
            ["Hal", "Hidden", "Umbrella", "CTO", "Hidden one", "04/01/22, 10:00 PM", ""],
        ],
    )
    builder.table(
        "Recommendations Given.csv",
        recommendation_header,
        [
            [
                "Ada",
                "Example",
                "Contoso",
                "VP Sales",
                "Ada is great",
                "05/20/24, 03:15 PM",
                "VISIBLE",
            ]
        ],
    )
    builder.table(
        "SearchQueries.csv",
        ["Time", "Search Query"],
        [
            ["2025/09/10 12:00:00 UTC", "vp sales contoso"],
            ["2025/09/10 12:00:00 UTC", "vp sales contoso"],
        ],
    )
    builder.table(
        "Company Follows.csv",
        ["Organization", "Followed On"],
        [["Contoso", "Wed Oct 01 16:02:32 UTC 2025"]],
    )
    builder.table(
        "Rich Media.csv",
        ["Date/Time", "Media Description", "Media Link"],
        [
            [
                "You uploaded a feed photo on March 2, 2024 at 12:29 PM (GMT)",
                "Team offsite",
                "https://media.licdn.com/x/1",
            ]
        ],
    )
    builder.table(
        "Events.csv",
        ["Event Name", "Event Time", "Status", "External Url"],
        [
            [
                "Sales Summit",
                "Jul 08, 2025 01:00 PM - Jul 08, 2025 03:00 PM",
                "ATTENDING",
                "https://example.com/summit",
            ]
        ],
    )
    builder.table(
        "Profile.csv",
        [
            "First Name",
            "Last Name",
            "Maiden Name",
            "Address",
            "Birth Date",
            "Headline",
            "Summary",
            "Industry",
            "Zip Code",
            "Geo Location",
            "Twitter Handles",
            "Websites",
            "Instant Messengers",
        ],
        [
            [
                OWNER_NAME.split()[0],
                "Owner",
                "",
                "",
                "",
                "Helping teams sell better",
                "Long summary\r\nfor supply chain leaders\x07",
                "Software",
                "",
                "Paris, France",
                "",
                "",
                "",
            ]
        ],
    )
    builder.table(
        "Skills.csv", ["Name"], [["Python"], ["Sales"], ["Negotiation"], ["SQL"], ["Coaching"]]
    )
    builder.table(
        "Positions.csv",
        ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
        [["Contoso", "AE", "", "Paris", "Mar 2020", ""]],
    )
    # Decoys and files we do not read.
    decoy = csv_text(
        MESSAGES_HEADER_2026,
        [message_row("x", ("Coach", ""), OWNER, "2025-01-01 00:00:00 UTC", "AI coach")],
    )
    builder.add("guide_messages.csv", decoy)
    builder.add("learning_coach_messages.csv", decoy)
    builder.add("learning_role_play_messages.csv", decoy)
    builder.add("LearningCoachMessages.csv", "No conversations found\r\n")
    builder.table(
        "Member_Follows.csv",
        ["Date", "Status", "FullName"],
        [["2025-01-01 00:00:00", "Active", "Someone"]],
    )
    builder.add("Articles/Articles/my-article.html", "<html><body>Article</body></html>")
    return builder
