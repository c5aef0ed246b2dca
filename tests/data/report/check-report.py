#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Parses a report with the parsers other programs use and prints what it found as JSON,
# for tests/core/test-report.c and tests/cli/test-cli-report.c to assert on.
#
#   check-report.py html FILE   html5lib (Debian python3-html5lib) in strict mode: any
#                               parse error fails (exit 1) with the error on stderr.
#   check-report.py csv FILE    Python's csv module (RFC 4180 dialect "excel").
#
# The rule for external references: no attribute that loads or links anything (src,
# href, xlink:href, action, formaction, poster, data, srcset, background, cite) may hold
# anything but an in-document fragment ("#…"); no <script>, <link>, <iframe>, <object>,
# <embed>, <img>, <base> element; no url() or @import in CSS; no on* event attribute.
# Every value found breaking it is listed under "external".

import csv
import io
import json
import sys

LOADING_ATTRS = {"src", "href", "xlink:href", "action", "formaction", "poster", "data",
                 "srcset", "background", "cite", "{http://www.w3.org/1999/xlink}href"}
FORBIDDEN_TAGS = {"script", "link", "iframe", "object", "embed", "img", "base", "frame",
                  "audio", "video", "source", "form", "input"}


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def check_html(path):
    import html5lib

    with open(path, "rb") as f:
        data = f.read()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        doc = parser.parse(data, transport_encoding="utf-8")
    except Exception as e:  # html5lib.html5parser.ParseError
        pos = parser.errors[0][0] if parser.errors else None
        sys.stderr.write("invalid HTML at %s: %s\n" % (pos, e))
        sys.exit(1)

    external = []
    tables = 0
    tables_without_caption = 0
    ids = []
    headings = []
    title = None
    svg = 0
    for el in doc.iter():
        tag = local(el.tag)
        if tag in FORBIDDEN_TAGS:
            external.append("<%s>" % tag)
        if tag == "title" and title is None:
            title = "".join(el.itertext())
        if tag == "svg":
            svg += 1
        if tag in ("h1", "h2", "h3", "h4"):
            headings.append([tag, "".join(el.itertext())])
        if tag == "table":
            tables += 1
            first = next((c for c in el if isinstance(c.tag, str)), None)
            if first is None or local(first.tag) != "caption":
                tables_without_caption += 1
        if tag == "style":
            css = "".join(el.itertext()).lower()
            if "url(" in css or "@import" in css:
                external.append("css url/import")
        for name, value in el.attrib.items():
            lname = local(name).lower() if "}" in name else name.lower()
            if lname.startswith("on"):
                external.append("%s=%s" % (name, value))
            if lname in LOADING_ATTRS or name in LOADING_ATTRS:
                if not value.startswith("#"):
                    external.append("%s=%s" % (name, value))
            if lname == "style" and "url(" in value.lower():
                external.append("style=%s" % value)
            if lname == "id":
                ids.append(value)

    body = doc.find("body")
    text = "".join(body.itertext()) if body is not None else ""
    html = doc.getroot() if hasattr(doc, "getroot") else doc
    json.dump({
        "title": title,
        "lang": html.get("lang"),
        "headings": headings,
        "tables": tables,
        "tables_without_caption": tables_without_caption,
        "svg": svg,
        "external": external,
        "duplicate_ids": sorted({i for i in ids if ids.count(i) > 1}),
        "text": text,
    }, sys.stdout, ensure_ascii=False)


def check_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        data = f.read()
    rows = list(csv.reader(io.StringIO(data, newline=""), strict=True))
    widths = sorted({len(r) for r in rows})
    json.dump({"rows": rows, "widths": widths, "crlf": data.count("\r\n")}, sys.stdout,
              ensure_ascii=False)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("html", "csv"):
        sys.stderr.write("usage: check-report.py html|csv FILE\n")
        sys.exit(2)
    (check_html if sys.argv[1] == "html" else check_csv)(sys.argv[2])
