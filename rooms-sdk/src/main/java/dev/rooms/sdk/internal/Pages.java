package dev.rooms.sdk.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.HttpUrl;

/** Turns a paged list into a lazy stream that follows the server's {@code Link: rel="next"} headers. */
public final class Pages {

    private Pages() {
    }

    /**
     * Streams every element of a paged list. Nothing is requested until the stream's first element is asked for,
     * and each further page only when the consumer has used up the one before, so a short-circuiting operation
     * ({@code limit}, {@code findFirst}, {@code takeWhile}) stops the requests too. Sequential; not for use by
     * several threads.
     *
     * @param api   the transport
     * @param first the first page's URL
     * @param type  the type of one page's answer
     * @param <T>   the type of the elements
     * @return the elements, page after page, each page in the server's order
     */
    public static <T> Stream<T> stream(HttpApi api, HttpUrl first, TypeReference<List<T>> type) {
        Iterator<T> elements = new Iterator<>() {
            private HttpUrl next = first;
            private Iterator<T> page = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                // A page may be empty and still link on (a filter matched nothing in that stretch).
                while (!page.hasNext() && next != null) {
                    HttpApi.Page<T> answer = api.getPage(next, type);
                    page = answer.items().iterator();
                    next = answer.next();
                }
                return page.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(elements, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
