#!/usr/bin/env python3
"""Parses mentor's outputs back with real parsers, for the Swift tests.

Usage: check_outputs.py ics|eml|html FILE. Prints one JSON object describing what was
parsed; exits non-zero with a message when the file does not parse or breaks a rule.
"""
import json
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Balance(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.tags = [], [], set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"unsafe attribute {name}={value!r}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.add(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()


def check_html(data: bytes):
    text = data.decode("utf-8")
    parser = Balance()
    parser.feed(text)
    parser.close()
    if parser.stack:
        parser.problems.append(f"unclosed tags {parser.stack}")
    if "<script" in text.lower():
        parser.problems.append("contains <script")
    if not text.startswith("<!DOCTYPE html>"):
        parser.problems.append("no doctype")
    for external in ("<link", "src=\"http", "@import"):
        if external in text:
            parser.problems.append(f"external request {external}")
    if parser.problems:
        raise SystemExit("; ".join(parser.problems))
    return {"tags": sorted(parser.tags)}


def check_ics(data: bytes):
    import icalendar
    for line in data.split(b"\r\n"):
        if len(line) > 75:
            raise SystemExit(f"line longer than 75 octets: {line[:40]!r}")
    if b"\n" in data.replace(b"\r\n", b""):
        raise SystemExit("bare LF line ending")
    calendar = icalendar.Calendar.from_ical(data)
    events = []
    for event in calendar.walk("VEVENT"):
        for key in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if key not in event:
                raise SystemExit(f"VEVENT without {key}")
        events.append({
            "uid": str(event["UID"]),
            "start": event["DTSTART"].dt.isoformat(),
            "end": event["DTEND"].dt.isoformat() if "DTEND" in event else None,
            "summary": str(event["SUMMARY"]),
            "location": str(event["LOCATION"]) if "LOCATION" in event else None,
            "url": str(event["URL"]) if "URL" in event else None,
            "description": str(event.get("DESCRIPTION", "")),
        })
    return {"version": str(calendar["VERSION"]), "events": events}


def check_eml(data: bytes):
    import email
    from email import policy
    message = email.message_from_bytes(data, policy=policy.default)
    if message.defects:
        raise SystemExit(f"defects: {message.defects}")
    parts = {part.get_content_type(): part.get_content() for part in message.iter_parts()}
    return {
        "to": str(message["To"]), "from": str(message["From"]) if message["From"] else None,
        "subject": str(message["Subject"]), "date": str(message["Date"]),
        "type": message.get_content_type(), "parts": sorted(parts),
        "text": parts.get("text/plain", ""), "html": parts.get("text/html", ""),
    }


def main():
    kind, path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as handle:
        data = handle.read()
    result = {"ics": check_ics, "eml": check_eml, "html": check_html}[kind](data)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
