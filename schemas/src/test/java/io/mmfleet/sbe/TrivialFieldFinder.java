package io.mmfleet.sbe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.agrona.DirectBuffer;
import uk.co.real_logic.sbe.ir.Token;
import uk.co.real_logic.sbe.otf.AbstractTokenListener;

/**
 * Walks an encoded message with the IR-driven decoder and names every part a round-trip case left trivial: a field
 * whose bytes are all zero (never set), a group with fewer than two entries, empty var data. It is why a field added
 * to an existing message fails the round-trip test until the test sets and checks it.
 */
final class TrivialFieldFinder extends AbstractTokenListener
{
    static final int MIN_GROUP_ENTRIES = 2;

    private final Deque<String> scope = new ArrayDeque<>();
    private final List<String> trivial = new ArrayList<>();

    List<String> trivialParts()
    {
        return trivial;
    }

    @Override
    public void onEncoding(
        final Token fieldToken,
        final DirectBuffer buffer,
        final int bufferIndex,
        final Token typeToken,
        final int actingVersion)
    {
        if (allZero(buffer, bufferIndex, typeToken.encodedLength()))
        {
            trivial.add(path(fieldToken.name()));
        }
    }

    @Override
    public void onEnum(
        final Token fieldToken,
        final DirectBuffer buffer,
        final int bufferIndex,
        final List<Token> tokens,
        final int fromIndex,
        final int toIndex,
        final int actingVersion)
    {
        if (allZero(buffer, bufferIndex, tokens.get(fromIndex).encodedLength()))
        {
            trivial.add(path(fieldToken.name()));
        }
    }

    @Override
    public void onBeginComposite(final Token fieldToken, final List<Token> tokens, final int fromIndex, final int toIndex)
    {
        scope.addLast(fieldToken.name());
    }

    @Override
    public void onEndComposite(final Token fieldToken, final List<Token> tokens, final int fromIndex, final int toIndex)
    {
        scope.removeLast();
    }

    @Override
    public void onGroupHeader(final Token token, final int numInGroup)
    {
        if (numInGroup < MIN_GROUP_ENTRIES)
        {
            trivial.add(path(token.name()) + " (" + numInGroup + " entries)");
        }
    }

    @Override
    public void onBeginGroup(final Token token, final int groupIndex, final int numInGroup)
    {
        scope.addLast(token.name() + "[" + groupIndex + "]");
    }

    @Override
    public void onEndGroup(final Token token, final int groupIndex, final int numInGroup)
    {
        scope.removeLast();
    }

    @Override
    public void onVarData(
        final Token fieldToken,
        final DirectBuffer buffer,
        final int bufferIndex,
        final int length,
        final Token typeToken)
    {
        if (0 == length)
        {
            trivial.add(path(fieldToken.name()) + " (empty)");
        }
    }

    private String path(final String name)
    {
        return scope.isEmpty() ? name : String.join(".", scope) + "." + name;
    }

    private static boolean allZero(final DirectBuffer buffer, final int index, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (0 != buffer.getByte(index + i))
            {
                return false;
            }
        }

        return true;
    }
}
