"""The text properties of tests/render/test_text_properties.py on real pages: the basic fixture
with ten generated questions and answers, built by ``mkdocs build --strict`` (Material, i18n, toc).
"""

from __future__ import annotations

import shutil

import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from helpcenter.load.markup import unsafe_markup
from helpcenter.load.source import INVISIBLE
from support.project_tools import BASIC, ROOT, mkdocs_build
from support.text_strategies import forbidden, heading, markdown_texts, normalized, plain_texts


@settings(  # each example is a full mkdocs build: no shrinking (it would take many minutes)
    max_examples=3,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    # distinct questions: two entries asking the same question are refused (load/checks.py)
    questions=st.lists(plain_texts, min_size=10, max_size=10,
                       unique_by=lambda text: " ".join(text.casefold().split())),
    answers=st.lists(markdown_texts, min_size=10, max_size=10),
)
# Found by Hypothesis: a CJK compatibility ideograph, which NFC (the loader) turns into another.
@example(questions=["\U0002f913"] + [f"Q{n}" for n in range(9)], answers=["A"] * 10)
def test_in_the_built_site(tmp_path, questions, answers):
    """The same properties on real pages built by mkdocs --strict (Material, i18n, toc)."""
    project = tmp_path / "p"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(BASIC, project / "faq_source")
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "hooks", project / "hooks")
    (project / "docs").mkdir()
    path = project / "faq_source" / "faq.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    template = data["entries"][1]
    # Answers the validator refuses are replaced: refusals are covered above, and here every
    # text must reach the built page.
    answers = [a if a.strip() and "{{" not in a and not unsafe_markup(a)
               and not INVISIBLE.search(a) else "A" for a in answers]
    for index, (question, answer) in enumerate(zip(questions, answers, strict=True)):
        entry = yaml.safe_load(yaml.safe_dump(template))
        entry["id"] = f"generated-{index}"
        entry["en"] = {"question": question, "answer": answer}
        entry["ko"]["question"] += f" ({index})"
        data["entries"].append(entry)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "en" / "faq" / "index.html").read_text("utf-8")
    article = page.split('<article class="md-content__inner md-typeset">', 1)[1]
    article = article.split("</article>", 1)[0]
    assert forbidden(article) == []
    for index, question in enumerate(questions):
        assert normalized(heading(article, f"generated-{index}").text) == normalized(question)
