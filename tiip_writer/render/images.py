"""Which image files a proposal may place: only real images inside the proposal's own folder.

Prose fields come from applicants and consultants; an image reference must never make a build
read a file elsewhere on the machine (`../../secret.png`, `/home/…`, a symlink), fetch a URL, or
swallow memory (a huge file, or a small file declaring enormous pixel dimensions).
"""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image

from tiip_writer.foundation.records import dataclass

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 50_000_000  # 50 megapixels: far beyond any print figure

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class ImageProblem:
    """An image that a prose field refers to but that cannot be placed, and why."""

    target: str
    reason_zh: str
    reason_en: str


def open_image(source_dir: Path, target: str) -> tuple[Path, Image] | ImageProblem:
    """Return the image file `target` names (relative to `source_dir`) and its header, or why not."""
    def problem(zh: str, en: str) -> ImageProblem:
        return ImageProblem(target, zh, en)

    if not target.strip():
        return problem("圖片沒有指定檔名", "the image names no file")
    if _SCHEME.match(target) and not PureWindowsPath(target).drive or target.startswith("//"):
        return problem("不接受網址圖片，請下載後放在計畫書資料夾內",
                       "images from URLs are not accepted; download it into the proposal's folder")
    if Path(target).is_absolute() or PureWindowsPath(target).is_absolute() or target.startswith("\\"):
        return problem("圖片須使用相對於計畫書的路徑，不可用絕對路徑",
                       "give the image's path relative to the proposal, not an absolute path")
    folder = source_dir.resolve()
    candidate = source_dir / target
    if _has_symlink(source_dir, Path(target)):
        return problem("不接受符號連結（symlink）指向的圖片，請放入實際的圖片檔",
                       "images behind a symbolic link are not accepted; put the real file there")
    resolved = candidate.resolve()
    if not resolved.is_relative_to(folder):
        return problem("圖片須放在計畫書所在的資料夾（或其子資料夾）內",
                       "images must be inside the proposal's folder (or a sub-folder)")
    if not resolved.is_file():
        return problem("找不到圖片檔", "image file not found")
    if resolved.stat().st_size > MAX_IMAGE_BYTES:
        return problem(f"圖片檔超過 {MAX_IMAGE_BYTES // 1024 // 1024} MB，請壓縮後再放入",
                       f"the image is over {MAX_IMAGE_BYTES // 1024 // 1024} MB; compress it")
    try:
        header = Image.from_file(str(resolved))
    except (UnrecognizedImageError, OSError, ValueError, KeyError, IndexError):
        return problem("無法辨識的圖片格式（請用 PNG 或 JPEG）",
                       "unrecognised image format (use PNG or JPEG)")
    if header.px_width * header.px_height > MAX_IMAGE_PIXELS or not header.px_width:
        return problem("圖片的像素尺寸異常或過大（上限 5,000 萬像素）",
                       "the image's pixel size is invalid or too large (limit 50 megapixels)")
    return resolved, header


def _has_symlink(folder: Path, relative: Path) -> bool:
    """Return True when any step from `folder` down `relative` is a symbolic link."""
    current = folder
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            return True
    return False
