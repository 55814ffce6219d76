package dev.parley.search.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How message text becomes terms. Words are split by Unicode rules (UAX #29: Latin words, Katakana runs and Hangul
 * words whole, Han and Hiragana character by character), lowercased, possessives dropped, and each word is indexed
 * twice at one position: as written and as its Porter stem. The exact form is what exact and typo matches score
 * against, the stem is what lets "deploying" find "deployed"; keeping both in one field lets phrase and highlight
 * queries see them at the same position. No stop words, so "to be or not to be" is still searchable.
 */
final class MessageAnalysis {

    /** The analyzer of the indexed text: exact forms and stems. */
    static final Analyzer INDEX = analyzer(Mode.EXACT_AND_STEM);
    /** The exact forms of query text. */
    static final Analyzer EXACT = analyzer(Mode.EXACT);
    /** The stems of query text, one per exact form. */
    static final Analyzer STEM = analyzer(Mode.STEM);

    private enum Mode { EXACT, STEM, EXACT_AND_STEM }

    private MessageAnalysis() {
    }

    private static Analyzer analyzer(Mode mode) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream stream = new LowerCaseFilter(new EnglishPossessiveFilter(source));
                switch (mode) {
                    case EXACT -> { }
                    case STEM -> stream = new PorterStemFilter(stream);
                    case EXACT_AND_STEM -> stream = new RemoveDuplicatesTokenFilter(
                            new PorterStemFilter(new KeywordRepeatFilter(stream)));
                }
                return new TokenStreamComponents(source, stream);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }

    /** The terms an analyzer makes of a text, in order. */
    static List<String> terms(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(LuceneSearchIndex.BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // analysis of a string in memory does no I/O
        }
        return terms;
    }
}
