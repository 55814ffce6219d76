package dev.parley.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** The report's charts, rendered to PNG by XChart. */
final class Charts {

    private Charts() {
    }

    /** Latency by percentile, one line per load step, the percentile axis in "nines" as HdrHistogram plots do. */
    static void latencyDistribution(Path png, Map<String, Histogram> byStep) {
        latencyDistribution(png, "Delivery latency by percentile", byStep);
    }

    /** The same with its own title, one line per named histogram. */
    static void latencyDistribution(Path png, String title, Map<String, Histogram> byStep) {
        XYChart chart = new XYChartBuilder().width(900).height(550).title(title)
                .xAxisTitle("percentile (1 / (1 - p), log)").yAxisTitle("latency (ms)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(0);
        byStep.forEach((name, histogram) -> {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (HistogramIterationValue v : histogram.percentiles(5)) {
                double p = v.getPercentileLevelIteratedTo() / 100.0;
                if (p >= 0.99999) {
                    break;
                }
                x.add(1 / (1 - p));
                y.add(v.getValueIteratedTo() / 1000.0);
            }
            if (!x.isEmpty()) {
                chart.addSeries(name, x, y);
            }
        });
        save(chart, png);
    }

    /** Several named series over one x axis (latency against load, heap against sockets). */
    static void lines(Path png, String title, String xTitle, String yTitle, List<Double> x, Map<String, List<Double>> series) {
        XYChart chart = new XYChartBuilder().width(900).height(550).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        series.forEach((name, y) -> chart.addSeries(name, x, y));
        save(chart, png);
    }

    private static void save(XYChart chart, Path png) {
        if (chart.getSeriesMap().isEmpty()) {
            return;
        }
        try {
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
