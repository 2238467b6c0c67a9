#ifndef HYDROUS_LAZY_XML_H
#define HYDROUS_LAZY_XML_H

#include <stddef.h>

/// Loads libxml2 (libxml2.so.2) if it is not loaded yet. Returns 1 when it is
/// loaded; otherwise 0, with the reason (dlopen's or dlsym's message) copied
/// into `reason` (at most `capacity` bytes, NUL-terminated).
///
/// The release binary links Foundation statically; its XML parser
/// (FoundationXML) calls libxml2 through the forwarding functions of this
/// module, which load libxml2 on first use. Offline commands never call them,
/// so they start without loading libxml2 and the libraries it needs.
int hydrous_lazy_xml_load(char *reason, size_t capacity);

/// Calls libxml2 through the forwarders the way FoundationXML does: a document
/// parsed from memory, its root, text and child count; a string duplicated,
/// measured and compared; the `xmlFree` variable; and a DTD attribute
/// declaration (nine arguments, three of them on the stack) written back out.
/// Returns 1 when every answer is the one libxml2 gives; otherwise 0, with the
/// first difference described in `report`. For the tests (Tests/AWSClientTests).
int hydrous_lazy_xml_self_test(char *report, size_t capacity);

#endif
