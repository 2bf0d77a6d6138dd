"""Demo pictures drawn locally with Pillow, so the demo site needs no download."""

import io
import random

from PIL import Image, ImageDraw, ImageFont


def draw_picture(*, seed, label, width=1200, height=675):
    """A calm abstract picture (shelves, frames, dots) with a caption strip; returns PNG bytes."""
    rng = random.Random(seed)  # noqa: S311 (pictures, not secrets)
    palette = [
        (11, 79, 108),
        (32, 138, 174),
        (242, 201, 76),
        (179, 38, 30),
        (30, 107, 52),
        (233, 236, 239),
    ]
    rng.shuffle(palette)
    image = Image.new("RGB", (width, height), palette[-1])
    draw = ImageDraw.Draw(image)
    # Shelves with "boxes" of archive material.
    shelf_height = height // 5
    for row in range(4):
        y = 40 + row * shelf_height
        x = 40
        while x < width - 80:
            box_width = rng.randint(30, 110)
            box_height = rng.randint(shelf_height // 2, shelf_height - 16)
            colour = palette[rng.randrange(len(palette) - 1)]
            draw.rectangle(
                [x, y + shelf_height - box_height, x + box_width, y + shelf_height], fill=colour
            )
            x += box_width + rng.randint(4, 14)
        draw.rectangle([30, y + shelf_height, width - 30, y + shelf_height + 6], fill=(60, 60, 60))
    # Caption strip
    draw.rectangle([0, height - 70, width, height], fill=(27, 31, 35))
    font = ImageFont.load_default(size=34)
    draw.text((40, height - 58), label, fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
