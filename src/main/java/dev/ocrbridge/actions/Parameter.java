package dev.ocrbridge.actions;

/** A request parameter of an OCR action, named as Tencent names it on the wire. */
public enum Parameter {
    IMAGE_BASE64("ImageBase64", Type.STRING),
    IMAGE_URL("ImageUrl", Type.STRING),
    /** Health-code type list; 0 or absent means automatic detection. */
    TYPE("Type", Type.INTEGER),
    /** Whether the Korean ID card answer carries the head image in {@code Photo}. */
    RETURN_HEAD_IMAGE("ReturnHeadImage", Type.BOOLEAN);

    /** JSON type the API expects for the parameter. */
    public enum Type { STRING, INTEGER, BOOLEAN }

    private final String wireName;
    private final Type type;

    Parameter(String wireName, Type type) {
        this.wireName = wireName;
        this.type = type;
    }

    public String wireName() {
        return wireName;
    }

    public Type type() {
        return type;
    }
}
