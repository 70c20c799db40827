/* Back end: encoding metadata (a64_meta.c.inc), one A64EncodingInfo row per encoding in Spec.encs order. */
#include "emit.h"

/* A C string literal; spec text is arbitrary (titles, paths), so escape all
 * but plain printable ASCII. Octal escapes are 3 digits so a following
 * digit cannot extend them. */
static void emit_string(FILE *out, const char *s)
{
    if (!s) {
        fputs("\"\"", out);
        return;
    }
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\t': fputs("\\t", out); break;
        case '?': fputs("\\?", out); break; /* no trigraphs */
        default:
            if (*p < 0x20 || *p >= 0x7f)
                fprintf(out, "\\%03o", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

void emit_meta(const Spec *spec, FILE *out)
{
    emit_header(out, "A64 encoding metadata: a64_encodings[], one row per encoding (interp/a64_meta.h).");
    fprintf(out, "#include \"a64_meta.h\"\n\n#include <stddef.h>\n\n");

    /* Fields are named by row number: encoding ids need not be C identifiers. */
    for (int i = 0; i < spec->nencs; i++) {
        const Encoding *e = spec->encs[i];
        if (!e->nfields)
            continue;
        fprintf(out, "static const A64Field a64_fields_%d[] = { /* %s */\n", i, e->id);
        for (int j = 0; j < e->nfields; j++) {
            const Field *f = &e->fields[j];
            fputs("    { ", out);
            emit_string(out, f->name);
            /* should-be bits are not fixed as far as decode is concerned */
            fprintf(out, ", %d, %d, 0x%08xu },\n", f->hi, f->lo, f->sb ? 0u : f->mask);
        }
        fprintf(out, "};\n");
    }
    if (spec->nencs == 0) {
        fprintf(out, "const A64EncodingInfo a64_encodings[1];\nconst int a64_n_encodings = 0;\n");
        return;
    }

    fprintf(out, "\nconst A64EncodingInfo a64_encodings[] = {\n");
    for (int i = 0; i < spec->nencs; i++) {
        const Encoding *e = spec->encs[i];
        const Instruction *in = e->insn;
        fprintf(out, "    [%d] = { ", i);
        emit_string(out, e->id);
        fputs(", ", out);
        emit_string(out, in ? in->id : NULL);
        fputs(", ", out);
        emit_string(out, in ? in->group : NULL);
        fputs(", ", out);
        emit_string(out, enc_feature(e));
        fputs(",\n        ", out);
        emit_string(out, in ? in->file : e->loc.file);
        fprintf(out, ", 0x%08xu, 0x%08xu, 0x%08xu, 0x%08xu, %d, ", e->mask, e->match, e->sb_mask, e->sb_value,
                e->priority);
        if (e->nfields)
            fprintf(out, "a64_fields_%d, %d, ", i, e->nfields);
        else
            fprintf(out, "NULL, 0, ");
        emit_string(out, e->variant);
        fputs(" },\n", out);
    }
    fprintf(out, "};\n\nconst int a64_n_encodings = %d;\n", spec->nencs);
}
