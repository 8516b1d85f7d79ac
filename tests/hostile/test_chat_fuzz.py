"""Whatever a person types in Slack or Teams, reading it never fails and never invents a mention."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kudoswall.intake import chat, slack, teams

PIECES = st.sampled_from([
    "<@U024BE7LH>", "<@W0CLEOPARK|cleo>", "<#C0PAT|patience>", "<#C0X>", "<!here>", "<!subteam^S1|@support>",
    "<https://x.test/a|label>", "<mailto:a@b.test>", "#patience", "#", "&lt;", "&amp;", "<", ">", "|", "@",
    "<at>", "</at>", "<at>Ben</at>", "<p>", "<br>", "&nbsp;", "\ue000", "\ue0011\ue001", " ", "thanks", "\n",
])
TYPED = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(TYPED)
def test_slack_text_always_reads(text: str) -> None:
    said = slack.read_text(text)
    assert len(said.mentions) <= text.count("<@")
    for n, found in enumerate(chat.MARK.finditer(said.message)):
        assert int(found[1]) < len(said.mentions), (n, said)  # every mark stands for a real mention


@settings(max_examples=300, deadline=None)
@given(TYPED, st.lists(st.sampled_from(["Ben", "Kudos", "", "<b>Ben</b>"]), max_size=4))
def test_teams_activity_always_reads(text: str, names: list[str]) -> None:
    entities = [{"type": "mention", "text": f"<at>{n}</at>", "mentioned": {"id": "29:1" + n, "name": n}} for n in names]
    said = teams.read_activity({"text": text, "entities": entities})
    assert len(said.mentions) <= len(entities)
    for found in chat.MARK.finditer(said.message):
        assert int(found[1]) < len(said.mentions)
