"""Stage 10: the laid-out pages, through LibreOffice headless.

- office.py: LibreOffice as a converter (.docx → PDF) with a private profile and a time limit
- pages.py: the page measurement, {bookmark: page} read from the PDF
- pagerefs.py: measured numbers written into the .docx's PAGEREF results (the TOC)
- paginate.py: measure → fill → lay out again, until the numbers hold
- pdf_bytes.py: fixed dates and identifiers, so the same input gives the same PDF
"""
