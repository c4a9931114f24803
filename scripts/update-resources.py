#!/usr/bin/env python3
"""Keeps the UI string resources in order.

Resources/SharedResource.resx holds every UI string in English, keyed by the English text; each translation is
Resources/SharedResource.<culture>.resx with exactly the same keys.

  update-resources.py                      add every localizer key used in src/ProfilePortal.Web (T["..."] / t["..."])
                                           to the English file, sort every file, drop translations of removed keys,
                                           and list how many keys each translation lacks
  update-resources.py --missing de         print what the German file lacks as JSON {"id": "English text"}, where id is
                                           a short hash of the key (so a translator need not copy long keys back)
  update-resources.py --import de de.json  merge translations from a JSON object {"id or key": "translation"} into the
                                           German file (created if new); refuses a translation whose {0}-style
                                           placeholders differ from the English text's

Constants of a class marked [LocalizedTexts] (e.g. DeliveryFailures) are keys too. Other dynamic keys (menu labels,
role names, enum texts) are not visible to the scan: add them to the English file by hand.
Entries are sorted so that merges stay simple: after a merge conflict, take either side and run this script again."""
import hashlib, json, pathlib, re, sys
from xml.sax.saxutils import escape, quoteattr
import xml.etree.ElementTree as ET

root = pathlib.Path(__file__).resolve().parent.parent
web = root / "src" / "ProfilePortal.Web"
resources = web / "Resources"
neutral_file = resources / "SharedResource.resx"
key_re = re.compile(r'(?:\b[Tt]|Localizer)\[\s*"((?:[^"\\]|\\.)*)"\s*[,\]]')
# Texts kept as constants and translated where shown (the failure reasons of notification deliveries): every string
# constant of a file whose class is marked [LocalizedTexts].
localized_const_re = re.compile(r'const string \w+ = "((?:[^"\\]|\\.)*)";')
placeholder_re = re.compile(r"\{\d+(?:[,:][^}]*)?\}")

header = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def read(path):
    if not path.exists():
        return {}
    return {d.get("name"): d.findtext("value") or "" for d in ET.parse(path).getroot().findall("data")}


def write(path, entries):
    lines = [header]
    for key in sorted(entries, key=lambda k: (k.lower(), k)):
        lines.append(f'  <data name={quoteattr(key)} xml:space="preserve"><value>{escape(entries[key])}</value></data>\n')
    lines.append("</root>\n")
    path.write_text("".join(lines), encoding="utf-8")


def short_id(key):
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


def placeholders(text):
    return sorted(placeholder_re.findall(text))


def translation_files():
    return sorted(p for p in resources.glob("SharedResource.*.resx"))


def culture_file(culture):
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{2,4})?", culture):
        sys.exit(f"not a culture name: {culture}")
    return resources / f"SharedResource.{culture}.resx"


def scan_and_sort():
    neutral = read(neutral_file)
    for path in list(web.rglob("*.cs")) + list(web.rglob("*.cshtml")):
        if "/obj/" in str(path) or "/bin/" in str(path):
            continue
        text = path.read_text(encoding="utf-8")
        found = list(key_re.finditer(text))
        if "[LocalizedTexts]" in text:
            found += list(localized_const_re.finditer(text))
        for m in found:
            key = m.group(1).encode().decode("unicode_escape") if "\\" in m.group(1) else m.group(1)
            neutral.setdefault(key, key)
    lower = {}
    for key in neutral:
        if key.lower() in lower and lower[key.lower()] != key:
            sys.exit(f"resx keys are case-insensitive: '{key}' clashes with '{lower[key.lower()]}'")
        lower[key.lower()] = key
    write(neutral_file, neutral)
    print(f"{len(neutral)} entries in {neutral_file.relative_to(root)}")
    for path in translation_files():
        entries = read(path)
        extra = [k for k in entries if k not in neutral]
        for key in extra:
            del entries[key]
        write(path, entries)
        missing = sum(1 for k in neutral if k not in entries)
        note = f", dropped {len(extra)} removed" if extra else ""
        print(f"{path.name}: {len(entries)} entries, {missing} missing{note}")


def missing(culture):
    neutral = read(neutral_file)
    entries = read(culture_file(culture))
    json.dump({short_id(k): v for k, v in sorted(neutral.items()) if k not in entries}, sys.stdout, ensure_ascii=False, indent=1)
    print()


def import_translations(culture, json_path):
    neutral = read(neutral_file)
    path = culture_file(culture)
    entries = read(path)
    incoming = json.loads(pathlib.Path(json_path).read_text(encoding="utf-8"))
    by_id = {short_id(k): k for k in neutral}
    problems = []
    for key, value in incoming.items():
        key = by_id.get(key, key)
        if key not in neutral:
            problems.append(f"unknown key: {key!r}")
        elif not isinstance(value, str) or not value.strip():
            problems.append(f"empty translation: {key!r}")
        elif placeholders(value) != placeholders(neutral[key]):
            problems.append(f"placeholders differ: {key!r} -> {value!r}")
        else:
            entries[key] = value
    write(path, entries)
    left = sum(1 for k in neutral if k not in entries)
    print(f"{path.name}: {len(entries)} entries, {left} missing, {len(problems)} refused")
    for p in problems:
        print("  " + p)
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        scan_and_sort()
    elif args[0] == "--missing" and len(args) == 2:
        missing(args[1])
    elif args[0] == "--import" and len(args) == 3:
        import_translations(args[1], args[2])
    else:
        sys.exit(__doc__)
