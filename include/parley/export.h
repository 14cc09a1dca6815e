/* parley/export.h: which of libparley's symbols a program may link to.
 *
 * libparley is built with hidden visibility: only what a public header marks
 * PARLEY_EXPORT is visible outside a shared libparley.so, so that the
 * library's internals (src/) stay free to change without breaking programs
 * linked to it. Plain C so that parley.h can include it.
 *
 * PARLEY_SHARED is defined for code that builds or uses a shared libparley
 * (CMake's parley::parley says so), PARLEY_BUILDING while libparley itself
 * is compiled; they only matter on Windows, where exporting and importing are
 * spelled differently. Elsewhere PARLEY_EXPORT is default visibility, which
 * costs nothing in a static library.
 */
#ifndef PARLEY_EXPORT_H_
#define PARLEY_EXPORT_H_

#if defined(_WIN32)
#if defined(PARLEY_SHARED) && defined(PARLEY_BUILDING)
#define PARLEY_EXPORT __declspec(dllexport)
#elif defined(PARLEY_SHARED)
#define PARLEY_EXPORT __declspec(dllimport)
#else
#define PARLEY_EXPORT
#endif
#else
#define PARLEY_EXPORT __attribute__((visibility("default")))
#endif

#endif /* PARLEY_EXPORT_H_ */
