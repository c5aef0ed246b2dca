/* posture-fix-runner-private.h: PostureFixRunner, split across files by concern
 *
 *   posture-fix-runner.c            the object, its properties, and the run: a few
 *                                   steps at a time, each a job
 *   posture-fix-runner-send.c       one authenticated attempt of a write or a poll
 *                                   (the host rules, a token, one new token on a 401)
 *   posture-fix-runner-job.c        one step: its requests in turn, the write and what
 *                                   its answer leads to, waits, the outcome
 *   posture-fix-runner-operation.c  a long-running operation (202 + Location or
 *                                   Operation-Location), polled at the pace Retry-After
 *                                   asks, within a bounded wait
 *   posture-fix-runner-recheck.c    a write that may have landed (no sure answer) or met
 *                                   a 409: read again, then write again only if needed
 *   posture-fix-runner-verify.c     the read-back that verifies a change
 *   posture-fix-runner-pending.c    the operations left pending, polled on the next
 *                                   reading
 *
 * A job is a GTask whose source object is the runner and whose task data is the
 * PostureFixJob; its one reference travels from callback to callback until
 * _posture_fix_job_finish() (or a cancellation) returns it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-fix-runner.h"
#include "posture-tenant-client-private.h"

G_BEGIN_DECLS

#define POSTURE_FIX_MAX_PARALLEL  4   /* steps under way at once */
#define POSTURE_FIX_MAX_CONFLICTS 5   /* DESIGN.md: a 409 is retried at most 5 times */
#define POSTURE_FIX_MAX_UNCERTAIN 5   /* tries of one write the service did not answer for sure */
#define POSTURE_FIX_MAX_READS     5   /* reads of a resource that does not show the change yet */

struct _PostureFixRunner
{
  GObject              parent_instance;

  PostureTenantClient *client;
  PostureHttp         *writes;        /* one attempt per request: the runner retries */
  PostureFixPlan      *plan;
  PostureFixStep      *current;
  gboolean             running;
  guint                n_done;
  guint                n_total;

  guint                operation_wait_s;
  guint                poll_interval_ms;
  guint                retry_delay_ms;
  guint                read_back_interval_ms;
};

/* posture-fix-runner.c */
PostureOAuth        *_posture_fix_runner_get_oauth      (PostureFixRunner     *self);
/* Microseconds left before the command's time limit, or G_MAXINT64. */
gint64               _posture_fix_runner_time_left_us   (PostureFixRunner     *self);
/* The writes' session follows the client's time limit (posture_oauth_set_timeout()). */
void                 _posture_fix_runner_sync_deadline  (PostureFixRunner     *self);

/* posture-fix-runner-send.c: an absolute @url, a @body (nullable) sent as JSON. */
void                 _posture_fix_runner_send_async     (PostureFixRunner     *self,
                                                         const char           *method,
                                                         const char           *url,
                                                         JsonNode             *body,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
PostureHttpResponse *_posture_fix_runner_send_finish    (PostureFixRunner     *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* What Retry-After asks, in ms; 0 when it asks nothing. */
guint                _posture_fix_runner_retry_after_ms (PostureHttpResponse  *response);
/* The service's own words for a refusal: its message and code, and the status. */
char                *_posture_fix_runner_service_words  (PostureHttpResponse  *response);
/* The answer's JSON, or NULL (none, or not JSON). */
JsonNode            *_posture_fix_runner_response_json  (PostureHttpResponse  *response);

/* posture-fix-runner-operation.c: what one poll of an operation says. */
typedef enum
{
  POSTURE_FIX_OPERATION_RUNNING,    /* 202, 409, 408, 429, 5xx, or a state not final */
  POSTURE_FIX_OPERATION_SUCCEEDED,  /* its state is Succeeded, or it has none */
  POSTURE_FIX_OPERATION_GONE,       /* 404: the service no longer lists it: it is over */
  POSTURE_FIX_OPERATION_FAILED,     /* it ended Failed or Canceled: the message says how */
  POSTURE_FIX_OPERATION_REFUSED,    /* the poll was refused: the service's words */
} PostureFixOperationState;

PostureFixOperationState _posture_fix_runner_read_operation (PostureHttpResponse  *response,
                                                              char                **out_message);

/* One step under way. */
typedef struct
{
  PostureFixStep    *step;
  PostureFixRequest *request;
  guint              request_index;
  char              *url;             /* where the write goes */
  char              *operation_url;
  char              *policy_name;     /* a DLP policy's name, once known */
  guint              uncertain;       /* tries the service did not answer for sure */
  guint              conflicts;       /* 409 answers */
  guint              reads;
  gint64             operation_started_us;
  GSource           *timer;
  GSource           *cancel_source;
} PostureFixJob;

typedef void (*PostureFixJobFunc) (GTask *task);

static inline PostureFixRunner *
_posture_fix_job_get_runner (GTask *task)
{
  return g_task_get_source_object (task);
}

static inline PostureFixJob *
_posture_fix_job_get_data (GTask *task)
{
  return g_task_get_task_data (task);
}

/* posture-fix-runner-job.c */
/* Carries @step out; finishes TRUE (the outcome is set), or FALSE when cancelled. */
void     _posture_fix_job_start         (PostureFixRunner   *self,
                                         PostureFixStep     *step,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean _posture_fix_job_is_kind       (PostureFixJob      *job,
                                         PostureFixKind      kind);
/* Sets the outcome (keeping the operation URL of a pending one) and ends the job. */
void     _posture_fix_job_finish        (GTask              *task,
                                         PostureFixOutcome   outcome,
                                         const char         *message);
/* A failure that is not the service's answer: cancelled (the run stops), the time
 * limit, or one that says what went wrong, after @context. Takes @error. */
void     _posture_fix_job_fail_error    (GTask              *task,
                                         GError             *error,
                                         const char         *context);
/* Waits @ms, then runs @next; a cancellation ends the wait. */
void     _posture_fix_job_wait          (GTask              *task,
                                         guint               ms,
                                         PostureFixJobFunc   next);
/* Waits before trying again, unless the time limit comes first: then it fails with
 * @problem. */
void     _posture_fix_job_retry_after   (GTask              *task,
                                         guint               ms,
                                         PostureFixJobFunc   next,
                                         const char         *problem);
/* Sends the current request. */
void     _posture_fix_job_write         (GTask              *task);
/* The current request holds: the next one of the step, or the step is verified. */
void     _posture_fix_job_next_request  (GTask              *task);

/* posture-fix-runner-operation.c */
/* A 202: follows the operation its Location or Operation-Location names, or reads back
 * when it names none. */
void     _posture_fix_job_follow_operation (GTask               *task,
                                            PostureHttpResponse *response);

/* posture-fix-runner-recheck.c */
/* A try the service did not answer for sure (no answer, 5xx, 429, 408). */
void     _posture_fix_job_uncertain     (GTask               *task,
                                         guint                asked_ms,
                                         const char          *problem);
/* A 409 Conflict. */
void     _posture_fix_job_conflict      (GTask               *task,
                                         PostureHttpResponse *response);
/* A DLP create: the policy is looked for by its display name before it is created again
 * or read back without its name. */
void     _posture_fix_job_find_policy   (GTask               *task);

/* posture-fix-runner-verify.c */
void     _posture_fix_job_read_back     (GTask               *task);
/* Where and how the resource is read (the read-back and the re-check). */
char    *_posture_fix_job_read_back_url (GTask               *task,
                                         const char         **method);
/* The part of a read that the request's expected value describes. */
JsonNode *_posture_fix_job_read_back_root (PostureFixJob     *job,
                                           JsonNode          *node);

G_END_DECLS
