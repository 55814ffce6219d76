package dev.parley.files.processing;

import java.awt.image.BufferedImage;

/**
 * Turns a decoded image upright by its EXIF orientation (TIFF tag 274). The tag says where the stored rows and columns
 * belong when viewed: 1 as stored; 2 mirrored; 3 turned 180°; 4 flipped; 5 transposed; 6 to be turned 90° clockwise;
 * 7 transversed; 8 to be turned 90° counter-clockwise.
 */
final class Orientation {

    private Orientation() {
    }

    /** Whether the upright image's width is the stored height (orientations 5 to 8). */
    static boolean swapsSides(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** The upright image; {@code stored} itself for orientation 1. */
    static BufferedImage apply(BufferedImage stored, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return stored;
        }
        int w = stored.getWidth();
        int h = stored.getHeight();
        boolean swap = swapsSides(orientation);
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        int type = stored.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage upright = new BufferedImage(outW, outH, type);
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                // Each upright pixel (x, y) comes from the stored pixel the tag places there.
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; }
                }
                upright.setRGB(x, y, stored.getRGB(sx, sy));
            }
        }
        return upright;
    }
}
