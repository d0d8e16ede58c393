"""Reads an .xlsx workbook back with openpyxl, an independent reader, and prints every sheet as
JSON: for each cell its value and openpyxl's data type ('s' text, 'n' number, 'f' formula,
'b' boolean, 'd' date). Used by the Swift tests (XLSXReadBackTests)."""
import json
import sys

import openpyxl


def main() -> None:
    book = openpyxl.load_workbook(sys.argv[1])
    sheets = {}
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows():
            rows.append([[cell.value, cell.data_type] for cell in row])
        sheets[sheet.title] = {"rows": rows, "frozen": sheet.freeze_panes}
    json.dump({"order": book.sheetnames, "sheets": sheets}, sys.stdout)


main()
