package dev.parley.files.processing;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renders an image's thumbnails at Slack's sizes, upright after its EXIF orientation, refusing decompression bombs.
 *
 * <p>Sizes: a thumbnail for every size of {@link #SIZES} smaller than the image's longer side, its longer side scaled
 * to that size and the aspect ratio kept; {@code thumb_64} and {@code thumb_80} always exist, as in Slack, at the
 * image's own size when it is smaller (never scaled up). Images with transparency give PNG thumbnails, others JPEG.
 *
 * <p>Safety: the pixel size is read from the header first, and an image declaring more than {@code maxPixels} is refused
 * with {@link UnsafeImageException} before a pixel is decoded. Large images are decoded subsampled, at about twice the
 * largest thumbnail, so memory stays bounded well below the limit.
 */
public class Thumbnailer {

    /** Slack's thumbnail sizes: {@code thumb_64} ... {@code thumb_1024}. */
    public static final List<Integer> SIZES = List.of(64, 80, 160, 360, 480, 720, 800, 960, 1024);

    /** The default pixel limit: 50 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    private static final Set<Integer> ALWAYS = Set.of(64, 80);
    private static final Set<String> FORMATS = Set.of("image/png", "image/jpeg", "image/gif", "image/bmp", "image/webp");

    private final long maxPixels;

    /** {@code maxPixels}: images declaring more are refused before decoding ({@link UnsafeImageException}). */
    public Thumbnailer(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /** Whether {@code mimetype} is an image this class can thumbnail (WebP only when an ImageIO reader for it exists). */
    public static boolean supports(String mimetype) {
        return mimetype != null && FORMATS.contains(mimetype)
                && ImageIO.getImageReadersByMIMEType(mimetype).hasNext();
    }

    /** The displayed size of the image (after its EXIF orientation), from its header only: nothing is decoded. */
    public ImageSize size(Path image, String mimetype) {
        try (Opened opened = open(image, mimetype)) {
            Header header = header(opened, image);
            return header.displayed();
        }
    }

    /** The thumbnails, smallest first. */
    public List<Thumbnail> thumbnails(Path image, String mimetype) {
        BufferedImage upright;
        boolean alpha;
        ImageSize displayed;
        try (Opened opened = open(image, mimetype)) {
            Header header = header(opened, image);
            displayed = header.displayed();
            int largest = largestSize(Math.max(displayed.width(), displayed.height()));
            ImageReadParam param = opened.reader().getDefaultReadParam();
            int step = Math.max(1, Math.max(header.width(), header.height()) / (2 * largest));
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage decoded;
            try {
                decoded = opened.reader().read(0, param);
            } catch (IOException | RuntimeException e) {
                throw new UnreadableImageException("Cannot decode " + mimetype + " image " + image + ": " + e.getMessage(), e);
            }
            alpha = decoded.getColorModel().hasAlpha();
            upright = Orientation.apply(decoded, header.orientation());
        }
        // Sizes and proportions come from the image's full size, not from the subsampled pixels.
        int longest = Math.max(displayed.width(), displayed.height());
        List<Thumbnail> thumbnails = new ArrayList<>();
        for (int size : SIZES) {
            if (ALWAYS.contains(size) || size < longest) {
                thumbnails.add(render(upright, displayed, size, alpha));
            }
        }
        return List.copyOf(thumbnails);
    }

    /** The largest thumbnail size an image whose longer side is {@code longest} gets. */
    private static int largestSize(int longest) {
        int largest = 0;
        for (int size : SIZES) {
            if (ALWAYS.contains(size) || size < longest) {
                largest = size;
            }
        }
        return largest;
    }

    private Header header(Opened opened, Path image) {
        int width;
        int height;
        try {
            width = opened.reader().getWidth(0);
            height = opened.reader().getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException("Cannot read the header of image " + image + ": " + e.getMessage(), e);
        }
        if (width <= 0 || height <= 0) {
            throw new UnreadableImageException("Image " + image + " declares " + width + "x" + height + " pixels", null);
        }
        if ((long) width * height > maxPixels) {
            throw new UnsafeImageException("Image declares " + width + "x" + height + " pixels, more than the limit of "
                    + maxPixels);
        }
        return new Header(width, height, orientation(image));
    }

    private static Opened open(Path image, String mimetype) {
        if (mimetype == null || !FORMATS.contains(mimetype)) {
            throw new UnreadableImageException("Not an image type that can be thumbnailed: " + mimetype, null);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mimetype);
        if (!readers.hasNext()) {
            throw new UnreadableImageException("No image decoder for " + mimetype, null);
        }
        ImageInputStream in;
        try {
            in = ImageIO.createImageInputStream(image.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + image, e);
        }
        if (in == null) {
            throw new UncheckedIOException(new IOException("Cannot read " + image));
        }
        ImageReader reader = readers.next();
        // Seek forward only, ignore metadata: the reader keeps nothing it does not need.
        reader.setInput(in, true, true);
        return new Opened(reader, in);
    }

    /** The EXIF orientation (1 to 8), 1 when the image has none or it cannot be read: a missing tag is no error. */
    static int orientation(Path image) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(image.toFile());
            for (ExifIFD0Directory exif : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
                Integer value = exif.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
                if (value != null && value >= 1 && value <= 8) {
                    return value;
                }
            }
        } catch (Exception e) {
            // Broken metadata does not make a broken image; decoding decides that.
        }
        return 1;
    }

    private static Thumbnail render(BufferedImage upright, ImageSize displayed, int size, boolean alpha) {
        int width = displayed.width();
        int height = displayed.height();
        int longest = Math.max(width, height);
        if (longest > size) {
            double scale = (double) size / longest;
            width = Math.max(1, (int) Math.round(width * scale));
            height = Math.max(1, (int) Math.round(height * scale));
        }
        BufferedImage scaled = scale(upright, width, height, alpha);
        String format = alpha ? "png" : "jpeg";
        return new Thumbnail(size, width, height, "image/" + format, encode(scaled, format));
    }

    /** Scales down in halving steps, then once to the exact size: one bilinear step from far larger looks jagged. */
    private static BufferedImage scale(BufferedImage source, int width, int height, boolean alpha) {
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage current = source;
        int w = Math.max(width, source.getWidth());
        int h = Math.max(height, source.getHeight());
        do {
            w = Math.max(width, w / 2);
            h = Math.max(height, h / 2);
            if (w < width * 2 && h < height * 2) {
                w = width;
                h = height;
            }
            BufferedImage next = new BufferedImage(w, h, type);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                if (!alpha) {
                    // JPEG has no transparency; whatever was transparent becomes white, not black.
                    g.setColor(java.awt.Color.WHITE);
                    g.fillRect(0, 0, w, h);
                }
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            current = next;
        } while (w != width || h != height);
        return current;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.85f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The stored pixel size and the EXIF orientation. */
    private record Header(int width, int height, int orientation) {
        ImageSize displayed() {
            return Orientation.swapsSides(orientation) ? new ImageSize(height, width) : new ImageSize(width, height);
        }
    }

    private record Opened(ImageReader reader, ImageInputStream in) implements AutoCloseable {
        @Override
        public void close() {
            reader.dispose();
            try {
                in.close();
            } catch (IOException ignored) {
                // A read-only stream of a local file; nothing was lost.
            }
        }
    }
}
