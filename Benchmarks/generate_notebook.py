#!/usr/bin/env python3
"""Writes a deterministic, realistic mentoring notebook of any size, for benchmarks.

Usage: generate_notebook.py OUT_DIR --series N --sessions M [--seed S]

Every note uses the spec's features: front matter with time (or a date with its time),
duration, location, link, tags and `previous:` in its forms (a path, a quoted and an
unquoted wikilink, a date); agenda, check-in, review ticks by ^id and by text, notes with
links and emphasis, challenges, guidance, takeaways, goals with ids and due dates in all
three syntaxes, action items with owners, nested sub-tasks and details, next-session
logistics (in the section, or in every fourth note as a front matter `next:` map),
resources, a private section now and then, cancelled sessions; profiles with a block list
of links. Notes are 2-4 KB. The same arguments always give the same bytes.
"""
import argparse
import os
import random

FIRST = ["Alex", "Priya", "Sam", "Zoë", "Mateo", "Aiko", "Noah", "Leila", "Omar", "Ines", "Tomasz", "Chloé",
         "Kwame", "Hana", "Diego", "Freya", "Ravi", "Maya", "Jonas", "Amara"]
LAST = ["Chen", "Natarajan", "Okafor", "O'Brien", "García", "Tanaka", "Müller", "Haddad", "Silva", "Kowalski",
        "Dubois", "Mensah", "Kim", "Rossi", "Larsen", "Iyer", "Novak", "Costa", "Berg", "Adeyemi"]
TOPICS = ["portfolio", "promotion", "stakeholders", "public speaking", "code review", "system design",
          "career change", "interviews", "delegation", "feedback", "writing", "negotiation", "focus time"]
VERBS = ["Draft", "Review", "Ship", "Write", "Plan", "Ask", "Book", "Prepare", "Read", "Share", "Outline", "Practise"]
OBJECTS = ["the case study", "a one-page plan", "the RFC", "the promotion packet", "two focus mornings",
           "the design doc", "a mock interview", "the team retro notes", "the onboarding guide",
           "a talk proposal", "the migration checklist", "a brag document", "the quarterly goals"]
SENTENCES = [
    "We talked about how to make the work visible without overselling it.",
    "The main blocker is time: meetings eat the mornings and the afternoons are fragmented.",
    "Feedback from the last review was mostly positive, with two clear areas to grow.",
    "We rehearsed the conversation with the manager and wrote down the three key points.",
    "There is a tension between shipping quickly and doing it properly; we discussed trade-offs.",
    "The mentee wants a stretch project and has a good candidate in mind for next quarter.",
    "Energy is good this week, although the on-call rotation was tiring.",
    "We looked at the calendar together and found two blocks to protect for deep work.",
]


def session(rng, series, mentee, index, date, items, previous_form):
    time = rng.choice(["09:00", "10:30", "16:00", "18:30"])
    # Every fifth note gives the date with its time, the other form the spec allows.
    when = [f"date: {date}T{time}"] if index % 5 == 4 else [f"date: {date}", f'time: "{time}"']
    lines = ["---"] + when + [f"mentee: {mentee}", "mentor: Jade Green", f"series: {series}"]
    if index > 0:
        prev = previous_form
        if prev and prev.startswith('"[[') and index % 2 == 1:
            prev = prev[1:-1]
        if prev:
            lines.append(f"previous: {prev}")
    status = "cancelled" if rng.random() < 0.05 and index > 0 else None
    if status:
        lines.append("status: cancelled")
    lines += [f"duration: {rng.choice(['45m', '1h', '1h30m', '60'])}",
              f"location: {rng.choice(['Video call', 'Blue Bottle, 5th Ave', 'Office, room 4'])}",
              f"link: https://meet.example.com/{series}",
              f"tags: [{', '.join(rng.sample(TOPICS, 2))}]", "---",
              f"# Session {index + 1} with {mentee}", ""]
    lines += ["## Agenda"] + [f"- {rng.choice(VERBS)} {rng.choice(OBJECTS)}: where are we?" for _ in range(3)] + [""]
    lines += ["## Check-in", rng.choice(SENTENCES), ""]
    if items:
        lines.append("## Review")
        for item in rng.sample(items, min(len(items), rng.randint(2, 5))):
            mark = rng.choice(["[x]", "[ ]", "[/]", "[x]", "[-]"])
            if item["id"] and rng.random() < 0.7:
                lines.append(f"- {mark} {item['text']} ^{item['id']}")
            else:
                lines.append(f"- {mark} {item['text'].lower()}!")
        lines.append("")
    lines += ["## Notes"] + [" ".join(rng.sample(SENTENCES, 3)) for _ in range(3)]
    lines += [f"See [the article on {rng.choice(TOPICS)}](https://example.com/{index}) and *think* about `it`.", ""]
    lines += ["## Challenges"] + [f"- {rng.choice(SENTENCES)}" for _ in range(2)] + [""]
    lines += ["## Guidance"] + [f"- {rng.choice(SENTENCES)}" for _ in range(2)] + [""]
    lines += ["## Key takeaways"] + [f"- {rng.choice(SENTENCES)}" for _ in range(2)] + [""]
    lines.append("## Goals for the coming week")
    day = int(date[8:10])
    due = f"{date[:8]}{min(28, day + 7):02d}"
    for g in range(2):
        ident = f"g{index}-{g}"
        text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} ({index}.{g})"
        syntax = rng.choice([f"due:{due}", f"📅 {due}", f"[due:: {due}]"])
        lines.append(f"- [ ] {text} {syntax} ^{ident}")
        items.append({"id": ident, "text": text})
    lines += ["", "## Action items"]
    for a in range(3):
        owner = rng.choice(["@mentee", "@mentor", "@" + mentee.split()[0].lower(), ""])
        text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} #{rng.choice(TOPICS).replace(' ', '-')} [{index}.{a}]"
        lines.append(f"- [ ] {owner} {text}".replace("  ", " "))
        items.append({"id": None, "text": text})
        if a == 0:
            lines += ["  - [ ] Ask for a slot first", "  - mornings work best"]
    if index % 4 == 3:
        # The plan as a front matter map instead of the section's list.
        end = lines.index("---", 1)
        lines[end:end] = ["next:", f"  date: {date[:8]}{min(28, day + 7):02d}", '  time: "16:00"',
                          "  location: Video call", f"  link: https://meet.example.com/{series}", "  duration: 45m"]
        lines += [""]
    else:
        lines += ["", "## Next session", f"- When: {date[:8]}{min(28, day + 7):02d} 16:00",
                  "- Where: Video call", f"- Link: https://meet.example.com/{series}", "- Duration: 45m", ""]
    lines += ["## Resources", f"- [Reading on {rng.choice(TOPICS)}](https://example.com/r/{index})",
              f"- [Another one](https://example.com/r/{index}b)", ""]
    if rng.random() < 0.2:
        lines += ["## Private", "- Seems tired; ask about workload next time", ""]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--series", type=int, required=True)
    parser.add_argument("--sessions", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "mentor.yml"), "w") as handle:
        handle.write("mentor: Jade Green\ntimezone: Europe/London\nstalled-after: 21\n")
    for s in range(args.series):
        mentee = f"{FIRST[s % len(FIRST)]} {LAST[(s // len(FIRST)) % len(LAST)]} {s}"
        series = f"mentee-{s:05d}"
        folder = os.path.join(args.out, "sessions", series)
        os.makedirs(folder, exist_ok=True)
        os.makedirs(os.path.join(args.out, "people"), exist_ok=True)
        with open(os.path.join(args.out, "people", f"{series}.md"), "w") as handle:
            handle.write(f"---\ntype: profile\nname: {mentee}\nrole: mentee\nseries: {series}\n"
                         f"email: {series}@example.com\nlinks:\n  - https://www.linkedin.com/in/{series}\n"
                         f"  - https://{series}.example.com\norganization: Example Org\n---\nResearch notes.\n")
        items = []
        previous = None
        for i in range(args.sessions):
            # Weekly sessions going back from 2026-11-30, oldest first.
            days_back = 7 * (args.sessions - 1 - i)
            year, month, day = 2026, 11, 30
            ordinal = __import__("datetime").date(year, month, day).toordinal() - days_back
            date = __import__("datetime").date.fromordinal(ordinal).isoformat()
            form = None
            if previous:
                form = rng.choice([f"{previous}.md", f'"[[{previous}]]"', previous, None])
            text = session(rng, series, mentee, i, date, items, form)
            with open(os.path.join(folder, f"{date}.md"), "w") as handle:
                handle.write(text)
            previous = date


if __name__ == "__main__":
    main()
