"""The card as a Word document in the layout of the seed card «Проектный замысел».

The writer takes the same values the reader gives (see ``mapping.empty_card``), so a card
downloaded and uploaded again comes back as it was. :func:`card_of_initiative` and
:func:`card_of_version` give those values for a draft and for a submitted version.
"""

import datetime
import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from initiatives.calls import questions
from initiatives.wordcard.mapping import empty_card, parse_indicator, parse_period, parse_person

LEADER_MARK = "(руководитель проекта)"


def _number(value):
    if value is None:
        return None
    return str(float(value))


def _shown(number):
    if number is None:
        return "—"
    text = f"{float(number):f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def card_of_initiative(initiative):
    """The values of a draft (with its team, indicators, goals and references loaded)."""
    card = empty_card()
    card["organisation_text"] = initiative.organisation.full_name or str(initiative.organisation)
    card["title"] = initiative.title
    for key in ("annotation", "problem", "idea", "goal", "results_people", "results_process",
                "main_product"):
        card[key] = getattr(initiative, key)
    card["tasks"] = list(initiative.tasks or [])
    for member in initiative.team.all():
        person = member.person
        entry = {"name": member.display_name, "position": member.position}
        if member.is_leader and card["leader"] is None:
            card["leader"] = {**entry, "phone": member.phone or (person.phone if person else ""),
                              "email": member.email or (person.email if person else "")}
        else:
            card["team"].append(entry)
    if card["leader"] is None and initiative.leader_id:
        leader = initiative.leader
        card["leader"] = {"name": leader.full_name, "position": "", "phone": leader.phone,
                          "email": leader.email}
    if initiative.starts_on and initiative.ends_on:
        card["starts_on"] = initiative.starts_on.isoformat()
        card["ends_on"] = initiative.ends_on.isoformat()
    card["indicators"] = [
        {"name": i.name, "unit": i.unit, "baseline": _number(i.baseline),
         "target": _number(i.target), "period": i.period}
        for i in initiative.indicators.all()
    ]
    if initiative.direction_id:
        card["direction_text"] = f"{initiative.direction.portfolio} — {initiative.direction}"
    card["strategy_goals_text"] = [str(g) for g in initiative.strategy_goals.all()]
    card["network_text"] = str(initiative.network) if initiative.network_id else ""
    card["unrecognised"] = [{"heading": "", "text": line}
                            for line in (initiative.unrecognised or "").splitlines()
                            if line.strip()]
    card["answers"] = questions.answer_texts(initiative)
    return card


def card_of_version(version):
    """The values of a submitted version, from its frozen texts."""
    texts = (version.snapshot or {}).get("sections", {})
    card = empty_card()
    card["organisation_text"] = texts.get("organisation", "")
    card["title"] = texts.get("title", "")
    for key in ("annotation", "problem", "idea", "goal", "results_people", "results_process",
                "main_product"):
        card[key] = texts.get(key, "")
    for line in (texts.get("team") or "").splitlines():
        person = parse_person(line)
        if LEADER_MARK in line and card["leader"] is None:
            card["leader"] = person
        elif person["name"]:
            card["team"].append({"name": person["name"], "position": person["position"]})
    start, end = parse_period(texts.get("timeframe", ""))
    if start:
        card["starts_on"], card["ends_on"] = start.isoformat(), end.isoformat()
    card["tasks"] = [line.split(". ", 1)[-1] for line in (texts.get("tasks") or "").splitlines()
                     if line.strip()]
    card["indicators"] = [i for i in map(parse_indicator, (texts.get("indicators") or "")
                                         .splitlines()) if i]
    card["direction_text"] = texts.get("direction", "")
    card["strategy_goals_text"] = [g for g in (texts.get("strategy_goals") or "").splitlines()
                                   if g.strip()]
    card["network_text"] = texts.get("network", "")
    card["answers"] = (version.snapshot or {}).get("answers", [])
    return card


def _date(iso):
    return datetime.date.fromisoformat(iso).strftime("%d.%m.%Y")


class _Doc:
    def __init__(self):
        self.document = docx.Document()
        section = self.document.sections[0]
        section.left_margin, section.right_margin = Mm(20), Mm(10)
        section.top_margin = section.bottom_margin = Mm(20)
        style = self.document.styles["Normal"]
        style.font.name = "Times New Roman"
        style.font.size = Pt(12)

    def line(self, text="", *, bold=False, center=False):
        paragraph = self.document.add_paragraph()
        if text:
            paragraph.add_run(text).bold = bold
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return paragraph

    def item(self, heading, text, *, number=None, separator=": "):
        """«N.Heading: first line» and the other lines of the text below it."""
        lines = [line for line in (text or "").splitlines() if line.strip()]
        prefix = f"{number}." if number else ""
        first = lines[0] if lines and separator == ": " else ""
        self.line(f"{prefix}{heading}{separator}{first}".rstrip())
        for line in lines[1:] if first else lines:
            self.line(line)

    def bytes(self):
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def _person(person):
    return ", ".join(p for p in (person.get("name"), person.get("position"),
                                 person.get("phone"), person.get("email")) if p)


def write_card(card):
    """The DOCX bytes of a card in the seed's layout."""
    doc = _Doc()
    doc.line("Проектный замысел", bold=True, center=True)
    doc.line(f"1.{card['organisation_text']}.")
    doc.line(f"2.Название проекта: «{card['title']}».")
    doc.line(f"3.Руководитель проекта: {_person(card['leader'] or {})}".rstrip())
    doc.line("4.Команда проекта:")
    for member in card["team"]:
        doc.line(_person(member))
    doc.item("Краткая аннотация проекта", card["annotation"], number=5)
    doc.line("6.Содержание проектного замысла:")
    doc.item("Проблемный анализ ситуации", card["problem"], separator=".")
    doc.item("Проектный замысел", card["idea"], separator=":")
    period = ""
    if card["starts_on"] and card["ends_on"]:
        period = f"{_date(card['starts_on'])} — {_date(card['ends_on'])}"
    doc.line(f"Срок реализации проекта: {period}".rstrip())
    doc.line("Краткий план реализации проекта:")
    doc.item("Цель", card["goal"])
    doc.line("Задачи:")
    for n, task in enumerate(card["tasks"], 1):
        doc.line(f"{n}.{task}")
    doc.line("Результат:")
    doc.item("Изменения в педагогах", card["results_people"])
    doc.item("Изменения в процессе", card["results_process"])
    doc.item("Основной продукт", card["main_product"])
    if card["indicators"]:
        doc.line("Целевые показатели:")
        for i in card["indicators"]:
            period = f" ({i['period']})" if i.get("period") else ""
            doc.line(f"{i['name']}, {i['unit']}: {_shown(i['baseline'])} → "
                     f"{_shown(i['target'])}{period}")
    if card["direction_text"]:
        doc.line(f"Направление портфеля: {card['direction_text']}")
    if card["strategy_goals_text"]:
        doc.line("Соответствие стратегии и национальному проекту:")
        for goal in card["strategy_goals_text"]:
            doc.line(goal)
    if card["network_text"]:
        doc.line(f"Сеть, в которой родился замысел: {card['network_text']}")
    for answer in card.get("answers", []):  # the call's own questions, after the sections
        doc.item(answer["label"], answer["text"])
    if card["unrecognised"]:
        doc.line("Не распознано:")
        for piece in card["unrecognised"]:
            heading, text = piece.get("heading", ""), piece.get("text", "")
            for line in (f"{heading}: {text}" if heading else text).splitlines():
                if line.strip():
                    doc.line(line)
    return doc.bytes()
