#!/usr/bin/python3
"""Edits a downloaded mamori workbook as a person's spreadsheet program would, with openpyxl
(an xlsx library independent of mamori's writer), for the Excel round trip's tests.

    edit_workbook.py IN.xlsx OUT.xlsx EDITS.json

EDITS is a JSON list of operations, applied in order:
  {"question": "<id>", "column": "F", "value": <text or number or null>}  set a cell of a
      question's row (found by its hidden question id in column L, on any sheet)
  {"question": "<id>", "column": "F", "formula": "=1+1"}                  put a formula there
  {"meta": "<key>", "value": "<text>"}                                    change the hidden identity
  {"add_sheet": "<name>", "cells": {"A1": "x"}}                            add a sheet
"""
import json
import sys

import openpyxl


def row_of(wb, question):
    for ws in wb.worksheets:
        if ws.title.startswith("_"):
            continue
        for row in ws.iter_rows(min_row=4):
            for cell in row:
                if cell.column_letter == "L" and cell.value == question:
                    return ws, cell.row
    raise SystemExit("question %s not found" % question)


def main():
    src, dst, edits_file = sys.argv[1:4]
    with open(edits_file, encoding="utf-8") as f:
        edits = json.load(f)
    wb = openpyxl.load_workbook(src)
    for e in edits:
        if "question" in e:
            ws, r = row_of(wb, e["question"])
            ref = "%s%d" % (e.get("column", "F"), r)
            ws[ref] = e["formula"] if "formula" in e else e.get("value")
        elif "meta" in e:
            ws = wb["_mamori"]
            for row in ws.iter_rows():
                if row[0].value == e["meta"]:
                    row[1].value = e["value"]
        elif "add_sheet" in e:
            ws = wb.create_sheet(e["add_sheet"])
            for ref, v in e.get("cells", {}).items():
                ws[ref] = v
    wb.save(dst)


if __name__ == "__main__":
    main()
