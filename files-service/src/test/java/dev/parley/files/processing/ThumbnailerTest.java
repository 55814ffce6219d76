package dev.parley.files.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Thumbnails come at Slack's sizes, in proportion, upright, and bombs and broken images are refused cleanly. */
class ThumbnailerTest {

    private final Thumbnailer thumbnailer = new Thumbnailer(Thumbnailer.DEFAULT_MAX_PIXELS);

    @TempDir
    Path dir;

    @Test
    void everySlackSizeBelowTheLongerSideInProportion() throws IOException {
        Path image = Fixtures.image(dir, "wide.png", 1500, 1000, "png");

        List<Thumbnail> thumbs = thumbnailer.thumbnails(image, "image/png");

        assertThat(thumbs).extracting(Thumbnail::size).containsExactly(64, 80, 160, 360, 480, 720, 800, 960, 1024);
        for (Thumbnail thumb : thumbs) {
            assertThat(thumb.width()).isEqualTo(thumb.size());
            assertThat(thumb.height()).isEqualTo(Math.round(thumb.size() * 2 / 3.0f));
            BufferedImage decoded = decode(thumb);
            assertThat(decoded.getWidth()).isEqualTo(thumb.width());
            assertThat(decoded.getHeight()).isEqualTo(thumb.height());
        }
        assertThat(thumbs.getFirst().mimetype()).as("opaque images give JPEG").isEqualTo("image/jpeg");
        assertThat(thumbnailer.size(image, "image/png")).isEqualTo(new ImageSize(1500, 1000));
    }

    @Test
    void aTallImageIsScaledByItsHeight() {
        Path image = Fixtures.image(dir, "tall.jpg", 300, 900, "jpeg");

        List<Thumbnail> thumbs = thumbnailer.thumbnails(image, "image/jpeg");

        assertThat(thumbs).extracting(Thumbnail::size).containsExactly(64, 80, 160, 360, 480, 720, 800);
        assertThat(thumbs).allSatisfy(t -> {
            assertThat(t.height()).isEqualTo(t.size());
            assertThat(t.width()).isEqualTo(Math.round(t.size() / 3.0f));
        });
    }

    @Test
    void thumb64And80AlwaysExistAndAreNeverScaledUp() {
        Path image = Fixtures.image(dir, "small.gif", 50, 30, "gif");

        List<Thumbnail> thumbs = thumbnailer.thumbnails(image, "image/gif");

        assertThat(thumbs).extracting(Thumbnail::size).containsExactly(64, 80);
        assertThat(thumbs).allSatisfy(t -> {
            assertThat(t.width()).isEqualTo(50);
            assertThat(t.height()).isEqualTo(30);
        });
    }

    @Test
    void bmpIsThumbnailedAndTransparencyKeptAsPng() throws IOException {
        Path bmp = Fixtures.image(dir, "a.bmp", 400, 300, "bmp");
        assertThat(thumbnailer.thumbnails(bmp, "image/bmp")).extracting(Thumbnail::size).containsExactly(64, 80, 160, 360);

        BufferedImage translucent = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
        translucent.setRGB(0, 0, 0x80ff0000);
        Path png = Fixtures.write(dir, "alpha.png", Fixtures.encode(translucent, "png"));
        Thumbnail thumb = thumbnailer.thumbnails(png, "image/png").get(2);
        assertThat(thumb.size()).isEqualTo(160);
        assertThat(thumb.mimetype()).isEqualTo("image/png");
        assertThat(decode(thumb).getColorModel().hasAlpha()).isTrue();
    }

    @Test
    void supportedTypes() {
        assertThat(Thumbnailer.supports("image/png")).isTrue();
        assertThat(Thumbnailer.supports("image/jpeg")).isTrue();
        assertThat(Thumbnailer.supports("image/gif")).isTrue();
        assertThat(Thumbnailer.supports("image/bmp")).isTrue();
        assertThat(Thumbnailer.supports("image/webp")).as("TwelveMonkeys' WebP reader is on the classpath").isTrue();
        assertThat(Thumbnailer.supports("image/svg+xml")).isFalse();
        assertThat(Thumbnailer.supports("application/pdf")).isFalse();
    }

    /**
     * Each orientation's stored image is the upright one transformed the way a camera would have stored it; the
     * thumbnail must come out upright again. The stored images are made with AffineTransforms, independently of the
     * pixel mapping under test.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void exifOrientationIsRespected(int orientation) throws IOException {
        BufferedImage upright = Fixtures.quadrants(200, 100);
        BufferedImage stored = switch (orientation) {
            case 1 -> upright;
            case 2 -> mirror(upright);
            case 3 -> rotateClockwise(rotateClockwise(upright));
            case 4 -> mirror(rotateClockwise(rotateClockwise(upright)));
            case 5 -> mirror(rotateClockwise(upright));
            case 6 -> rotateClockwise(rotateClockwise(rotateClockwise(upright)));
            case 7 -> mirror(rotateClockwise(rotateClockwise(rotateClockwise(upright))));
            default -> rotateClockwise(upright);
        };
        Path image = Fixtures.write(dir, "o" + orientation + ".jpg", withOrientation(Fixtures.encode(stored, "jpeg"),
                orientation));
        assertThat(Thumbnailer.orientation(image)).isEqualTo(orientation);

        assertThat(thumbnailer.size(image, "image/jpeg")).isEqualTo(new ImageSize(200, 100));
        Thumbnail thumb = thumbnailer.thumbnails(image, "image/jpeg").stream().filter(t -> t.size() == 160)
                .findFirst().orElseThrow();
        assertThat(thumb.width()).isEqualTo(160);
        assertThat(thumb.height()).isEqualTo(80);
        BufferedImage decoded = decode(thumb);
        assertThat(dominant(decoded.getRGB(40, 20))).as("top left").isEqualTo("red");
        assertThat(dominant(decoded.getRGB(120, 20))).as("top right").isEqualTo("blue");
        assertThat(dominant(decoded.getRGB(40, 60))).as("bottom left").isEqualTo("green");
        assertThat(dominant(decoded.getRGB(120, 60))).as("bottom right").isEqualTo("yellow");
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeader() {
        // 900 megapixels declared in a file of a few dozen bytes: decoding it would need gigabytes.
        Path bomb = Fixtures.write(dir, "bomb.png", Fixtures.pngDeclaring(30000, 30000));
        assertThat(bomb.toFile().length()).isLessThan(100);

        assertThatThrownBy(() -> thumbnailer.thumbnails(bomb, "image/png")).isInstanceOf(UnsafeImageException.class)
                .hasMessageContaining("30000x30000");
        assertThatThrownBy(() -> thumbnailer.size(bomb, "image/png")).isInstanceOf(UnsafeImageException.class);
    }

    @Test
    void thePixelLimitIsConfigurable() {
        Path image = Fixtures.image(dir, "a.png", 200, 100, "png");
        assertThat(new Thumbnailer(20_000).thumbnails(image, "image/png")).isNotEmpty();
        assertThatThrownBy(() -> new Thumbnailer(19_999).thumbnails(image, "image/png"))
                .isInstanceOf(UnsafeImageException.class).hasMessageContaining("19999");
    }

    @Test
    void brokenImagesGiveAClearException() {
        BufferedImage noise = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 300; x++) {
                noise.setRGB(x, y, random.nextInt());
            }
        }
        byte[] png = Fixtures.encode(noise, "png");
        Path truncated = Fixtures.write(dir, "truncated.png", Arrays.copyOf(png, png.length / 2));
        assertThatThrownBy(() -> thumbnailer.thumbnails(truncated, "image/png"))
                .isInstanceOf(UnreadableImageException.class).hasMessageContaining("image/png");

        byte[] garbage = new byte[2048];
        random.nextBytes(garbage);
        Path notAnImage = Fixtures.write(dir, "garbage.png", garbage);
        assertThatThrownBy(() -> thumbnailer.thumbnails(notAnImage, "image/png"))
                .isInstanceOf(UnreadableImageException.class);
        assertThatThrownBy(() -> thumbnailer.thumbnails(notAnImage, "application/pdf"))
                .isInstanceOf(UnreadableImageException.class).hasMessageContaining("application/pdf");
    }

    private static BufferedImage decode(Thumbnail thumb) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumb.bytes()));
        assertThat(image).as("thumbnail %d decodes", thumb.size()).isNotNull();
        return image;
    }

    private static BufferedImage rotateClockwise(BufferedImage image) {
        AffineTransform turn = new AffineTransform();
        turn.translate(image.getHeight(), 0);
        turn.quadrantRotate(1);
        return transform(image, turn, image.getHeight(), image.getWidth());
    }

    private static BufferedImage mirror(BufferedImage image) {
        AffineTransform flip = AffineTransform.getScaleInstance(-1, 1);
        flip.translate(-image.getWidth(), 0);
        return transform(image, flip, image.getWidth(), image.getHeight());
    }

    private static BufferedImage transform(BufferedImage image, AffineTransform transform, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        new AffineTransformOp(transform, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, out);
        return out;
    }

    /** The JPEG with an EXIF APP1 segment holding only the orientation tag, inserted after the JFIF APP0 segment. */
    private static byte[] withOrientation(byte[] jpeg, int orientation) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        tiff.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8}); // big-endian TIFF header, IFD0 at offset 8
        tiff.writeBytes(new byte[] {0, 1}); // one entry
        tiff.writeBytes(new byte[] {0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0}); // 274, SHORT, 1 value
        tiff.writeBytes(new byte[] {0, 0, 0, 0}); // no next IFD
        byte[] exif = tiff.toByteArray();
        int length = 2 + 6 + exif.length;
        ByteArrayOutputStream app1 = new ByteArrayOutputStream();
        app1.writeBytes(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (length >> 8), (byte) length});
        app1.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        app1.writeBytes(exif);
        assertThat(jpeg[2] & 0xff).isEqualTo(0xff);
        assertThat(jpeg[3] & 0xff).as("ImageIO writes JFIF APP0 first").isEqualTo(0xe0);
        int afterApp0 = 4 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, afterApp0);
        out.writeBytes(app1.toByteArray());
        out.write(jpeg, afterApp0, jpeg.length - afterApp0);
        return out.toByteArray();
    }

    private static String dominant(int rgb) {
        Color c = new Color(rgb);
        boolean r = c.getRed() > 160;
        boolean g = c.getGreen() > 160;
        boolean b = c.getBlue() > 160;
        if (r && g && !b) {
            return "yellow";
        }
        if (r && !g && !b) {
            return "red";
        }
        if (g && !r && !b) {
            return "green";
        }
        if (b && !r && !g) {
            return "blue";
        }
        return String.format("#%06x", rgb & 0xffffff);
    }
}
