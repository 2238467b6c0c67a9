// A round trip through the forwarders of LazyXML.c (see LazyXML.h).

#include "LazyXML.h"

#include "LazyLoad.h"

#include <string.h>

#if defined(__linux__)

// The forwarders (hidden, defined in LazyXML.c), with libxml2's calling convention.
void *xmlReadMemory(const char *buffer, int size, const char *url, const char *encoding, int options);
void *xmlDocGetRootElement(void *doc);
void *xmlNodeGetContent(void *node);
unsigned long xmlChildElementCount(void *node);
void xmlFreeDoc(void *doc);
void *xmlStrndup(const char *text, int length);
int xmlStrlen(const void *text);
int xmlStrcmp(const void *left, const void *right);
extern void (*xmlFree)(void *);
void *xmlNewDoc(const char *version);
void *xmlNewDtd(void *doc, const char *name, const char *externalID, const char *systemID);
void *xmlAddAttributeDecl(void *validity, void *dtd, const char *element, const char *name, const char *prefix,
                          int type, int presence, const char *value, void *enumeration);
void *xmlGetDtdAttrDesc(void *dtd, const char *element, const char *name);
void *xmlBufferCreate(void);
const char *xmlBufferContent(void *buffer);
void xmlBufferFree(void *buffer);
void *xmlSaveToBuffer(void *buffer, const char *encoding, int options);
long xmlSaveTree(void *context, void *node);
int xmlSaveClose(void *context);

// Values from libxml/tree.h (stable ABI since 2.0).
enum { ATTRIBUTE_CDATA = 1, ATTRIBUTE_FIXED = 4 };

static int declaration(char *report, size_t capacity) {
    void *doc = xmlNewDoc("1.0");
    void *dtd = doc ? xmlNewDtd(doc, "Reservations", NULL, NULL) : NULL;
    if (dtd == NULL) {
        if (doc) xmlFreeDoc(doc);
        return hydrous_lazy_fail(report, capacity, "xmlNewDoc or xmlNewDtd returned NULL");
    }
    int status = 1;
    void *attribute = xmlAddAttributeDecl(NULL, dtd, "Reservations", "xmlns", NULL, ATTRIBUTE_CDATA, ATTRIBUTE_FIXED,
                                          "http://ec2.amazonaws.com/doc/2016-11-15/", NULL);
    if (attribute == NULL || xmlGetDtdAttrDesc(dtd, "Reservations", "xmlns") != attribute) {
        status = hydrous_lazy_fail(report, capacity, "xmlAddAttributeDecl: the declaration is not found under its element and name");
    } else {
        void *buffer = xmlBufferCreate();
        void *context = buffer ? xmlSaveToBuffer(buffer, NULL, 0) : NULL;
        const char *expected = "<!ATTLIST Reservations xmlns CDATA #FIXED \"http://ec2.amazonaws.com/doc/2016-11-15/\">";
        if (context == NULL) {
            status = hydrous_lazy_fail(report, capacity, "xmlBufferCreate or xmlSaveToBuffer returned NULL");
        } else {
            long written = xmlSaveTree(context, dtd);
            xmlSaveClose(context);
            const char *text = xmlBufferContent(buffer);
            if (written < 0 || text == NULL || strstr(text, expected) == NULL) {
                status = hydrous_lazy_fail(report, capacity, "the DTD was written as %s", text ? text : "nothing");
            }
        }
        if (buffer) xmlBufferFree(buffer);
    }
    xmlFreeDoc(doc);
    return status;
}

int hydrous_lazy_xml_self_test(char *report, size_t capacity) {
    if (!hydrous_lazy_xml_load(report, capacity)) return 0;
    const char *answer = "<DescribeVpcsResponse><vpcSet><item><vpcId>vpc-0a1&amp;b</vpcId></item>"
                         "<item/></vpcSet></DescribeVpcsResponse>";
    void *doc = xmlReadMemory(answer, (int)strlen(answer), "answer.xml", NULL, 0);
    if (doc == NULL) return hydrous_lazy_fail(report, capacity, "xmlReadMemory returned NULL");
    int status = 1;
    void *root = xmlDocGetRootElement(doc);
    char *content = root ? xmlNodeGetContent(root) : NULL;
    if (root == NULL || content == NULL || strcmp(content, "vpc-0a1&b") != 0) {
        status = hydrous_lazy_fail(report, capacity, "the root's text is %s", content ? content : "nothing");
    } else if (xmlChildElementCount(root) != 1) {
        status = hydrous_lazy_fail(report, capacity, "xmlChildElementCount gave %lu", xmlChildElementCount(root));
    }
    if (content) xmlFree(content);
    xmlFreeDoc(doc);
    if (!status) return 0;
    char *copy = xmlStrndup("subnet-0abc", 6);
    if (copy == NULL || xmlStrlen(copy) != 6 || xmlStrcmp(copy, "subnet") != 0 || xmlStrcmp(copy, "subnez") >= 0) {
        status = hydrous_lazy_fail(report, capacity, "xmlStrndup, xmlStrlen or xmlStrcmp gave %s", copy ? copy : "nothing");
    }
    if (copy) xmlFree(copy);
    return status ? declaration(report, capacity) : 0;
}

#else

int hydrous_lazy_xml_self_test(char *report, size_t capacity) {
    (void)report;
    (void)capacity;
    return 1;
}

#endif
