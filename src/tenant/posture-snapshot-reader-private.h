/* posture-snapshot-reader-private.h: the state of one snapshot read, shared by
 * posture-snapshot-reader.c (the read, BAP, paged lists) and
 * posture-snapshot-reader-sources.c (Dataverse and Microsoft Graph)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-snapshot-builder.h"
#include "posture-tenant-client-private.h"

G_BEGIN_DECLS

typedef struct
{
  GTask                 *task;          /* owned while requests are out */
  PostureTenantClient   *client;
  PostureOAuth          *oauth;
  PostureTenantProgress *progress;
  GCancellable          *cancellable;   /* ours: the caller's and the deadline cancel it */
  GSource               *parent_source;
  GSource               *deadline;      /* on the thread-default context of the call */
  guint                  deadline_s;
  gboolean               deadline_hit;
  gulong                 throttled_handler;
  guint                  throttled_count;
  guint                  throttled_seconds;
  guint                  outstanding;
  GError                *error;         /* first fatal error */
  gboolean               environments_done;

  PostureSnapshotBuilder *builder;
  char                  *tenant_id;
  char                  *display_name;
  GPtrArray             *policies;      /* JsonNode or NULL slots, in list order */
  guint                  dataverse_environments;
  GPtrArray             *group_ids;     /* group principals, in assignment order */
  GHashTable            *group_members; /* group id -> JsonNode */
  GHashTable            *missing_columns; /* column -> GPtrArray of environment names */
} ReadState;

/* Paged lists: every page's "value" handed to @on_page (or merged), @done called with
 * the first page's members and every value ("nextLink" dropped), or with the error. A
 * nextLink is held to the host rules and must stay with the list's resource (a foreign
 * one fails the read); loops and lists longer than max_pages fail the read. */
typedef void (*ReadPageFunc) (ReadState  *state,
                              JsonArray  *values,
                              gpointer    user_data);
typedef void (*ReadListDoneFunc) (ReadState    *state,
                                  JsonNode     *merged,
                                  guint         status,
                                  const char   *code,
                                  const char   *message,
                                  const GError *error,
                                  gpointer      user_data);

void      _posture_read_list            (ReadState           *state,
                                         const char          *what,
                                         const char          *uri,
                                         PostureRequestFlags  flags,
                                         ReadPageFunc         on_page,
                                         ReadListDoneFunc     done,
                                         gpointer             user_data,
                                         GDestroyNotify       destroy);
/* One request counted in the read's progress; @callback must end with
 * _posture_read_request_done(). */
void      _posture_read_request         (ReadState           *state,
                                         const char          *method,
                                         const char          *uri,
                                         PostureRequestFlags  flags,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
void      _posture_read_request_done    (ReadState           *state);
/* The read fails with @error (taken) and everything else stops; only the first counts. */
void      _posture_read_fail            (ReadState           *state,
                                         GError              *error);
gboolean  _posture_read_stopping        (ReadState           *state);
/* TRUE when @error ends the whole read even where a source's failure is recorded:
 * cancelled, timed out, or nothing to sign in with. */
gboolean  _posture_read_error_is_fatal  (const GError        *error);
/* The code an error entry records: the service's, or one for what happened here. */
const char *_posture_read_error_code    (const GError        *error,
                                         const char          *service_code);

/* Sources (posture-snapshot-reader-sources.c) */
/* @instance_url: "" when the environment has Dataverse but no instanceUrl. */
void      _posture_read_dataverse       (ReadState           *state,
                                         const char          *name,
                                         const char          *instance_url);
void      _posture_read_graph           (ReadState           *state);
/* Adds what the sources noticed (dropped columns) to the builder's warnings. */
void      _posture_read_sources_finish  (ReadState           *state);

G_END_DECLS
