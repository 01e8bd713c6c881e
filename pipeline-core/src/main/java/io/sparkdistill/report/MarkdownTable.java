package io.sparkdistill.report;

/** A GitHub-flavoured Markdown table; cells are escaped so that a '|' in a label cannot break a row. */
final class MarkdownTable {
    private final StringBuilder text = new StringBuilder();
    private final int columns;

    MarkdownTable(String... header) {
        columns = header.length;
        row(header);
        text.append("|---".repeat(columns)).append("|\n");
    }

    static MarkdownTable of(ReportTables.Cells cells) {
        MarkdownTable table = new MarkdownTable(cells.header().toArray(String[]::new));
        cells.rows().forEach(row -> table.row(row.toArray(String[]::new)));
        return table;
    }

    void row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells but got " + cells.length);
        }
        for (String cell : cells) {
            text.append("| ").append(cell.replace("|", "\\|").replace('\n', ' ')).append(' ');
        }
        text.append("|\n");
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
