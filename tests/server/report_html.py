"""Reads a FireBeat HTML report with Python's own HTML parser and prints what it found as JSON:
the sections, the tables' cells by their data-field, the key figures, the images and SVG charts,
and every tag that was not closed or closed out of order (test_server_report.cpp checks them)."""
import json
import sys
from html.parser import HTMLParser

VOID = {"meta", "img", "br", "hr", "link", "input", "col", "source", "wbr", "area", "base"}


class Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors = [], []
        self.sections, self.tables, self.kpis = [], {}, {}
        self.images = self.svgs = 0
        self.table = self.row = self.field = None
        self.row_attrs = {}
        self.text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "section":
            self.sections.append(a.get("id"))
        elif tag == "img" and a.get("src", "").startswith("data:image/png;base64,"):
            self.images += 1
        elif tag == "svg":
            self.svgs += 1
        elif tag == "table":
            self.table = a.get("id")
            self.tables[self.table] = []
        elif tag == "tr" and self.table:
            self.row = {"_attrs": {k: v for k, v in a.items() if k.startswith("data-")}}
        if "data-field" in a:
            self.field, self.text = a["data-field"], ""

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("closing </%s> with %s open" % (tag, self.stack[-3:]))
        else:
            self.stack.pop()
        if self.field and tag in ("td", "strong"):
            if self.row is not None:
                self.row[self.field] = self.text.strip()
            else:
                self.kpis[self.field] = self.text.strip()
            self.field = None
        if tag == "tr" and self.row is not None:
            if len(self.row) > 1:
                self.tables[self.table].append(self.row)
            self.row = None
        if tag == "table":
            self.table = None

    def handle_data(self, data):
        if self.field:
            self.text += data


reader = Reader()
with open(sys.argv[1], encoding="utf-8") as f:
    reader.feed(f.read())
reader.close()
if reader.stack:
    reader.errors.append("not closed: %s" % reader.stack)
print(json.dumps({"sections": reader.sections, "tables": reader.tables, "kpis": reader.kpis,
                  "images": reader.images, "svgs": reader.svgs, "errors": reader.errors}, ensure_ascii=False))
