// libxml2, loaded on first use.
//
// The statically linked FoundationXML (XMLParser, XMLDocument) calls 97
// libxml2 functions and the allocator variable `xmlFree`. Linked normally,
// libxml2.so.2 is a load-time dependency: every start of the binary maps it
// and what it needs (ICU's common library and data, zlib, liblzma) and
// relocates them: ~1.1-1.6 ms and ~70 page faults a start (docs/benchmarks.md),
// also for `check` and `run --snapshot`, which parse no XML. Only AWS's query
// and EC2 answers are XML, so this file defines those functions as forwarders
// that dlopen libxml2.so.2 the first time any of them is called, as
// LazyCurl.c does for libcurl. They are hidden: the static link resolves
// FoundationXML's calls to them, and nothing outside the binary sees them. In
// a build that links Foundation dynamically, libFoundationXML.so binds to
// libxml2 itself and these stay unused.
//
// libxml2's types are spelled by their calling convention: every pointer
// (nodes, documents, contexts, strings, callbacks) as void *, every enum as
// int. No function FoundationXML calls is variadic or passes a floating-point
// value or a structure, so each argument travels in the register or stack
// slot the real prototype gives it.

#include "LazyXML.h"

#if defined(__linux__)

#include "LazyLoad.h"

#include <pthread.h>

#define HIDDEN __attribute__((visibility("hidden")))

#define LIBXML2_FUNCTIONS(X) \
    X(xmlAddAttributeDecl) X(xmlAddChild) X(xmlAddElementDecl) \
    X(xmlAddNextSibling) X(xmlAddPrevSibling) X(xmlBufferContent) \
    X(xmlBufferCreate) X(xmlBufferFree) X(xmlBuildQName) \
    X(xmlChildElementCount) X(xmlCopyDoc) X(xmlCopyDtd) \
    X(xmlCopyNamespace) X(xmlCopyNode) X(xmlCreatePushParserCtxt) \
    X(xmlCtxtGetLastError) X(xmlCtxtUseOptions) X(xmlDictOwns) \
    X(xmlDocGetRootElement) X(xmlDocSetRootElement) X(xmlEncodeEntitiesReentrant) \
    X(xmlFreeDoc) X(xmlFreeDocElementContent) X(xmlFreeDtd) \
    X(xmlFreeEnumeration) X(xmlFreeNode) X(xmlFreeNs) \
    X(xmlFreeNsList) X(xmlFreeParserCtxt) X(xmlFreeProp) \
    X(xmlFreeValidCtxt) X(xmlGetDocEntity) X(xmlGetDtdAttrDesc) \
    X(xmlGetDtdElementDesc) X(xmlGetDtdEntity) X(xmlGetDtdNotationDesc) \
    X(xmlGetExternalEntityLoader) X(xmlGetIntSubset) X(xmlGetNodePath) \
    X(xmlGetParameterEntity) X(xmlGetPredefinedEntity) X(xmlHasNsProp) \
    X(xmlHashLookup) X(xmlHashLookup3) X(xmlHashRemoveEntry) \
    X(xmlHashRemoveEntry3) X(xmlHashScan) X(xmlIOParseDTD) \
    X(xmlInitParser) X(xmlNewComment) X(xmlNewDoc) \
    X(xmlNewDtd) X(xmlNewNode) X(xmlNewNs) \
    X(xmlNewNsProp) X(xmlNewPI) X(xmlNewProp) \
    X(xmlNewText) X(xmlNewValidCtxt) X(xmlNoNetExternalEntityLoader) \
    X(xmlNodeGetContent) X(xmlNodeSetContent) X(xmlNodeSetName) \
    X(xmlParseChunk) X(xmlParseDTD) X(xmlParserInputBufferCreateMem) \
    X(xmlReadMemory) X(xmlRegFreeRegexp) X(xmlReplaceNode) \
    X(xmlSAX2ExternalSubset) X(xmlSAX2GetColumnNumber) X(xmlSAX2GetEntity) \
    X(xmlSAX2GetLineNumber) X(xmlSAX2InternalSubset) X(xmlSAX2UnparsedEntityDecl) \
    X(xmlSaveClose) X(xmlSaveToBuffer) X(xmlSaveTree) \
    X(xmlSearchNsByHref) X(xmlSetExternalEntityLoader) X(xmlSetNs) \
    X(xmlSetStructuredErrorFunc) X(xmlSnprintfElementContent) X(xmlSplitQName2) \
    X(xmlSplitQName3) X(xmlStopParser) X(xmlStrcmp) \
    X(xmlStrdup) X(xmlStrlen) X(xmlStrndup) \
    X(xmlUnlinkNode) X(xmlValidateDocument) X(xmlXPathFreeContext) \
    X(xmlXPathFreeObject) X(xmlXPathNewContext) X(xmlXPathNodeEval) \
    X(xmlXPathRegisterNs)

#define ENUMERATE(name) F_##name,
#define NAME(name) #name,
// The functions, then libxml2's own `xmlFree` variable (dlsym gives its address).
enum { LIBXML2_FUNCTIONS(ENUMERATE) F_xmlFree, F_count };
static const char *const names[F_count] = { LIBXML2_FUNCTIONS(NAME) "xmlFree" };

typedef void *P;
typedef void (*FreeFunction)(void *);

static void *functions[F_count];
static HydrousLazyLibrary library = {
    .soname = "libxml2.so.2", .version = "libxml2 2.9 or later", .package = "libxml2",
    .names = names, .count = F_count, .functions = functions,
};
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) { hydrous_lazy_library_open(&library); }

int hydrous_lazy_xml_load(char *reason, size_t capacity) {
    pthread_once(&once, load);
    return hydrous_lazy_library_answer(&library, reason, capacity);
}

// The function to forward to (the live commands check with
// hydrous_lazy_xml_load first and report a missing libxml2 as an error).
static void *function(int index) { return hydrous_lazy_library_function(&library, index, hydrous_lazy_xml_load); }

// `xmlFree` is a variable holding libxml2's deallocator, which callers call
// through: it starts at a function that calls whatever libxml2's own variable
// holds when it runs (libxml2 may change it with xmlMemSetup).
static void forward_free(void *pointer) { (*(FreeFunction *)function(F_xmlFree))(pointer); }
HIDDEN FreeFunction xmlFree = forward_free;

#define FORWARD(type, name, parameters, arguments) \
    HIDDEN type name parameters { return ((type(*) parameters)function(F_##name)) arguments; }
#define FORWARD_VOID(name, parameters, arguments) \
    HIDDEN void name parameters { ((void(*) parameters)function(F_##name)) arguments; }

FORWARD(P, xmlAddAttributeDecl, (P ctxt, P dtd, P elem, P name, P ns, int type, int def, P defaultValue, P tree),
        (ctxt, dtd, elem, name, ns, type, def, defaultValue, tree))
FORWARD(P, xmlAddChild, (P parent, P cur), (parent, cur))
FORWARD(P, xmlAddElementDecl, (P ctxt, P dtd, P name, int type, P content), (ctxt, dtd, name, type, content))
FORWARD(P, xmlAddNextSibling, (P cur, P elem), (cur, elem))
FORWARD(P, xmlAddPrevSibling, (P cur, P elem), (cur, elem))
FORWARD(P, xmlBufferContent, (P buf), (buf))
FORWARD(P, xmlBufferCreate, (void), ())
FORWARD_VOID(xmlBufferFree, (P buf), (buf))
FORWARD(P, xmlBuildQName, (P ncname, P prefix, P memory, int len), (ncname, prefix, memory, len))
FORWARD(unsigned long, xmlChildElementCount, (P parent), (parent))
FORWARD(P, xmlCopyDoc, (P doc, int recursive), (doc, recursive))
FORWARD(P, xmlCopyDtd, (P dtd), (dtd))
FORWARD(P, xmlCopyNamespace, (P cur), (cur))
FORWARD(P, xmlCopyNode, (P node, int recursive), (node, recursive))
FORWARD(P, xmlCreatePushParserCtxt, (P sax, P user_data, P chunk, int size, P filename),
        (sax, user_data, chunk, size, filename))
FORWARD(P, xmlCtxtGetLastError, (P ctx), (ctx))
FORWARD(int, xmlCtxtUseOptions, (P ctxt, int options), (ctxt, options))
FORWARD(int, xmlDictOwns, (P dict, P str), (dict, str))
FORWARD(P, xmlDocGetRootElement, (P doc), (doc))
FORWARD(P, xmlDocSetRootElement, (P doc, P root), (doc, root))
FORWARD(P, xmlEncodeEntitiesReentrant, (P doc, P input), (doc, input))
FORWARD_VOID(xmlFreeDoc, (P cur), (cur))
FORWARD_VOID(xmlFreeDocElementContent, (P doc, P cur), (doc, cur))
FORWARD_VOID(xmlFreeDtd, (P cur), (cur))
FORWARD_VOID(xmlFreeEnumeration, (P cur), (cur))
FORWARD_VOID(xmlFreeNode, (P cur), (cur))
FORWARD_VOID(xmlFreeNs, (P cur), (cur))
FORWARD_VOID(xmlFreeNsList, (P cur), (cur))
FORWARD_VOID(xmlFreeParserCtxt, (P ctxt), (ctxt))
FORWARD_VOID(xmlFreeProp, (P cur), (cur))
FORWARD_VOID(xmlFreeValidCtxt, (P ctxt), (ctxt))
FORWARD(P, xmlGetDocEntity, (P doc, P name), (doc, name))
FORWARD(P, xmlGetDtdAttrDesc, (P dtd, P elem, P name), (dtd, elem, name))
FORWARD(P, xmlGetDtdElementDesc, (P dtd, P name), (dtd, name))
FORWARD(P, xmlGetDtdEntity, (P doc, P name), (doc, name))
FORWARD(P, xmlGetDtdNotationDesc, (P dtd, P name), (dtd, name))
FORWARD(P, xmlGetExternalEntityLoader, (void), ())
FORWARD(P, xmlGetIntSubset, (P doc), (doc))
FORWARD(P, xmlGetNodePath, (P node), (node))
FORWARD(P, xmlGetParameterEntity, (P doc, P name), (doc, name))
FORWARD(P, xmlGetPredefinedEntity, (P name), (name))
FORWARD(P, xmlHasNsProp, (P node, P name, P nameSpace), (node, name, nameSpace))
FORWARD(P, xmlHashLookup, (P table, P name), (table, name))
FORWARD(P, xmlHashLookup3, (P table, P name, P name2, P name3), (table, name, name2, name3))
FORWARD(int, xmlHashRemoveEntry, (P table, P name, P f), (table, name, f))
FORWARD(int, xmlHashRemoveEntry3, (P table, P name, P name2, P name3, P f), (table, name, name2, name3, f))
FORWARD_VOID(xmlHashScan, (P table, P f, P data), (table, f, data))
FORWARD(P, xmlIOParseDTD, (P sax, P input, int enc), (sax, input, enc))
FORWARD_VOID(xmlInitParser, (void), ())
FORWARD(P, xmlNewComment, (P content), (content))
FORWARD(P, xmlNewDoc, (P version), (version))
FORWARD(P, xmlNewDtd, (P doc, P name, P ExternalID, P SystemID), (doc, name, ExternalID, SystemID))
FORWARD(P, xmlNewNode, (P ns, P name), (ns, name))
FORWARD(P, xmlNewNs, (P node, P href, P prefix), (node, href, prefix))
FORWARD(P, xmlNewNsProp, (P node, P ns, P name, P value), (node, ns, name, value))
FORWARD(P, xmlNewPI, (P name, P content), (name, content))
FORWARD(P, xmlNewProp, (P node, P name, P value), (node, name, value))
FORWARD(P, xmlNewText, (P content), (content))
FORWARD(P, xmlNewValidCtxt, (void), ())
FORWARD(P, xmlNoNetExternalEntityLoader, (P URL, P ID, P ctxt), (URL, ID, ctxt))
FORWARD(P, xmlNodeGetContent, (P cur), (cur))
FORWARD_VOID(xmlNodeSetContent, (P cur, P content), (cur, content))
FORWARD_VOID(xmlNodeSetName, (P cur, P name), (cur, name))
FORWARD(int, xmlParseChunk, (P ctxt, P chunk, int size, int terminate), (ctxt, chunk, size, terminate))
FORWARD(P, xmlParseDTD, (P ExternalID, P SystemID), (ExternalID, SystemID))
FORWARD(P, xmlParserInputBufferCreateMem, (P mem, int size, int enc), (mem, size, enc))
FORWARD(P, xmlReadMemory, (P buffer, int size, P URL, P encoding, int options),
        (buffer, size, URL, encoding, options))
FORWARD_VOID(xmlRegFreeRegexp, (P regexp), (regexp))
FORWARD(P, xmlReplaceNode, (P old, P cur), (old, cur))
FORWARD_VOID(xmlSAX2ExternalSubset, (P ctx, P name, P ExternalID, P SystemID), (ctx, name, ExternalID, SystemID))
FORWARD(int, xmlSAX2GetColumnNumber, (P ctx), (ctx))
FORWARD(P, xmlSAX2GetEntity, (P ctx, P name), (ctx, name))
FORWARD(int, xmlSAX2GetLineNumber, (P ctx), (ctx))
FORWARD_VOID(xmlSAX2InternalSubset, (P ctx, P name, P ExternalID, P SystemID), (ctx, name, ExternalID, SystemID))
FORWARD_VOID(xmlSAX2UnparsedEntityDecl, (P ctx, P name, P publicId, P systemId, P notationName),
             (ctx, name, publicId, systemId, notationName))
FORWARD(int, xmlSaveClose, (P ctxt), (ctxt))
FORWARD(P, xmlSaveToBuffer, (P buffer, P encoding, int options), (buffer, encoding, options))
FORWARD(long, xmlSaveTree, (P ctxt, P node), (ctxt, node))
FORWARD(P, xmlSearchNsByHref, (P doc, P node, P href), (doc, node, href))
FORWARD_VOID(xmlSetExternalEntityLoader, (P f), (f))
FORWARD_VOID(xmlSetNs, (P node, P ns), (node, ns))
FORWARD_VOID(xmlSetStructuredErrorFunc, (P ctx, P handler), (ctx, handler))
FORWARD_VOID(xmlSnprintfElementContent, (P buf, int size, P content, int englob), (buf, size, content, englob))
FORWARD(P, xmlSplitQName2, (P name, P prefix), (name, prefix))
FORWARD(P, xmlSplitQName3, (P name, P len), (name, len))
FORWARD_VOID(xmlStopParser, (P ctxt), (ctxt))
FORWARD(int, xmlStrcmp, (P str1, P str2), (str1, str2))
FORWARD(P, xmlStrdup, (P cur), (cur))
FORWARD(int, xmlStrlen, (P str), (str))
FORWARD(P, xmlStrndup, (P cur, int len), (cur, len))
FORWARD_VOID(xmlUnlinkNode, (P cur), (cur))
FORWARD(int, xmlValidateDocument, (P ctxt, P doc), (ctxt, doc))
FORWARD_VOID(xmlXPathFreeContext, (P ctxt), (ctxt))
FORWARD_VOID(xmlXPathFreeObject, (P obj), (obj))
FORWARD(P, xmlXPathNewContext, (P doc), (doc))
FORWARD(P, xmlXPathNodeEval, (P node, P str, P ctx), (node, str, ctx))
FORWARD(int, xmlXPathRegisterNs, (P ctxt, P prefix, P ns_uri), (ctxt, prefix, ns_uri))

#else

// Elsewhere FoundationXML is not built on these forwarders: nothing to load.
int hydrous_lazy_xml_load(char *reason, size_t capacity) {
    (void)reason;
    (void)capacity;
    return 1;
}

#endif
