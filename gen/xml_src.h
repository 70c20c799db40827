/* XML spec files as a libxml2 tree plus their raw text, for exact file:line:col of elements, attributes and blocks. */
#ifndef GEN_XML_SRC_H
#define GEN_XML_SRC_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "spec.h"

/* libxml2 records only the line where a start tag ends and nothing about
 * attributes, so the loader keeps the raw bytes and finds every start tag in
 * them itself; element number k in document order is start tag number k. */
typedef struct Tag {
    size_t start; /* offset of '<' */
    size_t end;   /* offset just after '>' */
} Tag;

typedef struct XmlFile {
    const char *path; /* interned, as given */
    char *buf;
    size_t len;
    size_t *lines;    /* offset of the first byte of each line */
    int nlines, lines_cap;
    Tag *tags;        /* start tags in document order */
    int ntags, tags_cap;
    xmlDocPtr doc;
} XmlFile;

/* A copy of s that lives forever (SrcLoc.file). */
const char *xml_intern(const char *s);

/* Read and parse `path`; malformed XML is reported as
 * "file:line:col: error: malformed XML: <libxml2's first error>". */
bool xml_open(XmlFile *f, const char *path);
void xml_close(XmlFile *f);

/* Columns are 1-based byte columns. */
SrcLoc xml_loc_at(const XmlFile *f, size_t off);
/* The '<' of an element's start tag. */
SrcLoc xml_node_loc(const XmlFile *f, const xmlNode *n);
/* Byte `index` of attribute `name`'s value; the element if it has none. */
SrcLoc xml_attr_loc(const XmlFile *f, const xmlNode *n, const char *name, size_t index);

/* Is the first element of the file at `path` named `root`? A cheap look at
 * the text (skipping <?xml ...?> and comments), to route a file to its loader. */
bool xml_root_is(const char *path, const char *root);

bool xml_is_elem(const xmlNode *n, const char *name);
bool xml_is_blank(const char *s);
/* The attribute's value (caller frees), or NULL. */
char *xml_get_attr(const xmlNode *n, const char *name);
/* As xml_get_attr, reporting a missing attribute. */
char *xml_need_attr(const XmlFile *f, const xmlNode *n, const char *name);
/* Report attributes not in the NULL-terminated `allowed`. */
void xml_check_attrs(const XmlFile *f, const xmlNode *n, const char *const *allowed);
/* Report non-blank text child `c` of `parent`. */
void xml_check_text(const XmlFile *f, const xmlNode *parent, const xmlNode *c);
void xml_unknown_elem(const XmlFile *f, const xmlNode *parent, const xmlNode *c);

/* A text block (CDATA or plain text) and the location of its first character. */
Code xml_read_code(const XmlFile *f, const xmlNode *n);
/* As xml_read_code into *dst, reporting a second occurrence. */
void xml_read_once(const XmlFile *f, const xmlNode *parent, const xmlNode *c, Code *dst);

#endif
