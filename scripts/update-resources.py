#!/usr/bin/env python3
"""Adds every localizer key used in src/ProfilePortal.Web (T["..."] / t["..."]) to the English
SharedResource.resx, keeping existing entries (dynamic keys such as menu labels and role names
are not visible to the scan). Entries are sorted so that merges stay simple: after a merge
conflict, take either side and run this script again."""
import pathlib, re, sys
from xml.sax.saxutils import escape, quoteattr
import xml.etree.ElementTree as ET

root = pathlib.Path(__file__).resolve().parent.parent
web = root / "src" / "ProfilePortal.Web"
resx = web / "Resources" / "SharedResource.resx"
key_re = re.compile(r'\b[Tt]\[\s*"((?:[^"\\]|\\.)*)"\s*[,\]]')

existing = {}
for data in ET.parse(resx).getroot().findall("data"):
    existing[data.get("name")] = data.findtext("value") or ""

for path in list(web.rglob("*.cs")) + list(web.rglob("*.cshtml")):
    if "/obj/" in str(path) or "/bin/" in str(path):
        continue
    for m in key_re.finditer(path.read_text(encoding="utf-8")):
        key = m.group(1).encode().decode("unicode_escape") if "\\" in m.group(1) else m.group(1)
        existing.setdefault(key, key)

lower = {}
for key in existing:
    if key.lower() in lower and lower[key.lower()] != key:
        sys.exit(f"resx keys are case-insensitive: '{key}' clashes with '{lower[key.lower()]}'")
    lower[key.lower()] = key

header = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""
lines = [header]
for key in sorted(existing, key=lambda k: (k.lower(), k)):
    lines.append(f'  <data name={quoteattr(key)} xml:space="preserve"><value>{escape(existing[key])}</value></data>\n')
lines.append("</root>\n")
resx.write_text("".join(lines), encoding="utf-8")
print(f"{len(existing)} entries in {resx.relative_to(root)}")
