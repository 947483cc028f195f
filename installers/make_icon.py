"""Draws the program's icon: resources/icons/desktop_hr.png (256 px) and desktop_hr.ico (16 to 256 px).

    python installers/make_icon.py

A teal rounded square with a white figure (the employee) and a gold ribbon badge (the certificate).
Each size of the .ico is drawn at its own size from 4x supersampling, so 16 px stays crisp instead of
being a blurred 256 px. The window (views/app.py), the exe (desktop_hr.spec) and the installer
(desktop_hr.iss) all use these files; run this again after changing the drawing and commit both.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
PNG_SIZE = 256
SUPERSAMPLE = 4

TEAL = (0, 121, 107, 255)
TEAL_DARK = (0, 77, 64, 255)
WHITE = (255, 255, 255, 255)
GOLD = (245, 176, 26, 255)
GOLD_DARK = (190, 120, 0, 255)


def draw(size: int) -> Image.Image:
    """The icon at `size` pixels, drawn on a grid of 100 units and scaled down with antialiasing."""
    big = size * SUPERSAMPLE
    unit = big / 100
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        return (x0 * unit, y0 * unit, x1 * unit, y1 * unit)

    # The tile: a darker rim, then the face.
    pen.rounded_rectangle(box(2, 2, 98, 98), radius=20 * unit, fill=TEAL_DARK)
    pen.rounded_rectangle(box(5, 5, 95, 95), radius=17 * unit, fill=TEAL)
    # The person: head and shoulders, left of centre to leave room for the badge.
    pen.ellipse(box(24, 16, 52, 44), fill=WHITE)
    pen.chord(box(10, 50, 66, 106), start=180, end=360, fill=WHITE)
    pen.rectangle(box(10, 77, 66, 86), fill=WHITE)
    # The badge: two ribbon tails, then the medal with a ring.
    pen.polygon(
        [(62 * unit, 66 * unit), (56 * unit, 92 * unit), (66 * unit, 86 * unit), (71 * unit, 92 * unit)],
        fill=GOLD_DARK,
    )
    pen.polygon(
        [(78 * unit, 66 * unit), (84 * unit, 92 * unit), (74 * unit, 86 * unit), (69 * unit, 92 * unit)],
        fill=GOLD_DARK,
    )
    pen.ellipse(box(54, 42, 86, 74), fill=GOLD)
    pen.ellipse(box(61, 49, 79, 67), outline=WHITE, width=max(1, round(3 * unit)))
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    draw(PNG_SIZE).save(ICONS / "desktop_hr.png", optimize=True)
    frames = [draw(size) for size in ICO_SIZES]
    # The largest frame is the base; Pillow writes each appended frame at its own size.
    frames[-1].save(
        ICONS / "desktop_hr.ico",
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=frames[:-1],
    )
    for name in ("desktop_hr.png", "desktop_hr.ico"):
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
