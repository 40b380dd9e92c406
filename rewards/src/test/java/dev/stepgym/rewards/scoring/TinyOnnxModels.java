package dev.stepgym.rewards.scoring;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds small ONNX causal "language models" byte by byte, since no causal LM can be downloaded here.
 * Field numbers are those of onnx/onnx.proto (IR version 8).
 *
 * <p>The bigram LM: {@code logits[b, i, :] = E[input_ids[b, i], :]}, i.e. one Gather of the embedding
 * table {@code E [V, V]} by the ids, so the next-token distribution depends on the current token only.
 * With {@code withMask}, an {@code attention_mask} input multiplies the logits (1 keeps them), so the
 * model demands the mask the way real exports do.
 */
final class TinyOnnxModels {
    // onnx.proto TensorProto.DataType
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    // onnx.proto AttributeProto.AttributeType
    private static final int ATTRIBUTE_INT = 2;

    private TinyOnnxModels() {
    }

    static byte[] bigramLm(float[][] table, boolean withMask) {
        int vocab = table.length;
        ProtoWriter graph = new ProtoWriter();
        String gatherOut = withMask ? "gathered" : "logits";
        graph.message(1, node("Gather", "gather", new String[] {"embedding", "input_ids"}, gatherOut));
        if (withMask) {
            graph.message(1, node("Cast", "cast_mask", new String[] {"attention_mask"}, "mask_float")
                    .message(5, intAttribute("to", FLOAT)));
            graph.message(1, node("Unsqueeze", "unsqueeze_mask", new String[] {"mask_float", "last_axis"}, "mask_3d"));
            graph.message(1, node("Mul", "apply_mask", new String[] {"gathered", "mask_3d"}, "logits"));
        }
        graph.string(2, "bigram_lm");                                          // GraphProto.name = 2
        graph.message(5, floatTensor("embedding", table));                     // GraphProto.initializer = 5
        if (withMask) {
            graph.message(5, longTensor("last_axis", new long[] {-1}));
        }
        graph.message(11, valueInfo("input_ids", INT64, "batch", "seq"));       // GraphProto.input = 11
        if (withMask) {
            graph.message(11, valueInfo("attention_mask", INT64, "batch", "seq"));
        }
        graph.message(12, valueInfo("logits", FLOAT, "batch", "seq", vocab));   // GraphProto.output = 12

        return new ProtoWriter()
                .varint(1, 8)                                                   // ModelProto.ir_version = 1
                .string(2, "stepgym-test")                                      // ModelProto.producer_name = 2
                .message(7, graph)                                              // ModelProto.graph = 7
                .message(8, new ProtoWriter().string(1, "").varint(2, 13))      // ModelProto.opset_import = 8: OperatorSetIdProto{domain = 1, version = 2}
                .toByteArray();
    }

    /** NodeProto: input = 1, output = 2, name = 3, op_type = 4 (attribute = 5 added by the caller). */
    private static ProtoWriter node(String opType, String name, String[] inputs, String output) {
        ProtoWriter node = new ProtoWriter();
        for (String input : inputs) {
            node.string(1, input);
        }
        return node.string(2, output).string(3, name).string(4, opType);
    }

    /** AttributeProto: name = 1, i = 3, type = 20. */
    private static ProtoWriter intAttribute(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, ATTRIBUTE_INT);
    }

    /** TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian). */
    private static ProtoWriter floatTensor(String name, float[][] rows) {
        int cols = rows[0].length;
        ByteBuffer raw = ByteBuffer.allocate(rows.length * cols * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            for (float x : row) {
                raw.putFloat(x);
            }
        }
        return new ProtoWriter().varint(1, rows.length).varint(1, cols).varint(2, FLOAT).string(8, name).bytes(9, raw.array());
    }

    private static ProtoWriter longTensor(String name, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        return new ProtoWriter().varint(1, values.length).varint(2, INT64).string(8, name).bytes(9, raw.array());
    }

    /**
     * ValueInfoProto{name = 1, type = 2}; TypeProto{tensor_type = 1}; TypeProto.Tensor{elem_type = 1,
     * shape = 2}; TensorShapeProto{dim = 1}; Dimension{dim_value = 1, dim_param = 2}.
     * A dimension is a String (symbolic) or an Integer (fixed).
     */
    private static ProtoWriter valueInfo(String name, int elemType, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object dim : dims) {
            ProtoWriter d = new ProtoWriter();
            if (dim instanceof String symbol) {
                d.string(2, symbol);
            } else {
                d.varint(1, ((Number) dim).longValue());
            }
            shape.message(1, d);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
