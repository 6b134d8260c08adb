package io.orderlens.analytics.report;

/** How a report is written. */
public enum ReportFormat {
    /** RFC 4180 CSV in UTF-8 with a header row; see {@link Report#writeCsv}. */
    CSV("csv"),
    /** One self-contained HTML page (inline CSS and SVG, no scripts); see {@link Report#writeHtml}. */
    HTML("html");

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }
}
