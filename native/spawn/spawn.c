/*
 * caesium's native spawner for local tasks (Linux, glibc).
 *
 * Node's child_process forks the whole process before exec, which costs time
 * in proportion to the parent's memory; posix_spawn in glibc uses a vfork-style
 * clone that shares the parent's memory until exec, so starting a task costs
 * the same in a 20 MB CLI as in a 2 GB server. The JS side
 * (src/runtime/local/native-spawn.ts) reads the pipes and falls back to
 * child_process when this module cannot be built or loaded.
 *
 *   spawn(file, argv, cwd, env) -> [pid, stdoutFd, stderrFd]
 *     file must be a path (the caller resolves PATH); argv includes argv[0]; the child gets stdin from
 *     /dev/null, stdout and stderr on pipes, its own session and process group,
 *     default signal dispositions and an empty signal mask. Throws an Error with
 *     `code` (ENOENT, EACCES, ...) when it cannot start.
 *   wait(pid, callback(exitCode, signalNumber))
 *     reaps `pid` on a thread of its own and calls back on the event loop once.
 */
#include <errno.h>
#include <fcntl.h>
#include <node_api.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHECK(env, call)                                                                                                   \
  do {                                                                                                                     \
    if ((call) != napi_ok) {                                                                                               \
      napi_throw_error((env), NULL, "caesium_spawn: " #call " failed");                                                   \
      return NULL;                                                                                                         \
    }                                                                                                                      \
  } while (0)

static const char *errno_code(int err) {
  switch (err) {
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case ENOEXEC: return "ENOEXEC";
    case ENOTDIR: return "ENOTDIR";
    case E2BIG: return "E2BIG";
    case ENOMEM: return "ENOMEM";
    case EAGAIN: return "EAGAIN";
    case EMFILE: return "EMFILE";
    case ELOOP: return "ELOOP";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case EPERM: return "EPERM";
    case ETXTBSY: return "ETXTBSY";
    default: return "EUNKNOWN";
  }
}

static napi_value throw_errno(napi_env env, int err, const char *what) {
  char message[512];
  snprintf(message, sizeof message, "%s: %s", what, strerror(err));
  napi_throw_error(env, errno_code(err), message);
  return NULL;
}

/* A JS string as a malloc'd C string; NULL (with an exception pending) on failure. */
static char *c_string(napi_env env, napi_value value) {
  size_t length = 0;
  if (napi_get_value_string_utf8(env, value, NULL, 0, &length) != napi_ok) {
    napi_throw_type_error(env, NULL, "caesium_spawn: expected a string");
    return NULL;
  }
  char *out = malloc(length + 1);
  if (out == NULL) return NULL;
  napi_get_value_string_utf8(env, value, out, length + 1, &length);
  return out;
}

static void free_list(char **list) {
  if (list == NULL) return;
  for (char **p = list; *p != NULL; p++) free(*p);
  free(list);
}

/* A JS array of strings as a NULL-terminated list. */
static char **c_list(napi_env env, napi_value array) {
  uint32_t n = 0;
  if (napi_get_array_length(env, array, &n) != napi_ok) {
    napi_throw_type_error(env, NULL, "caesium_spawn: expected an array");
    return NULL;
  }
  char **list = calloc(n + 1, sizeof(char *));
  if (list == NULL) return NULL;
  for (uint32_t i = 0; i < n; i++) {
    napi_value item;
    napi_get_element(env, array, i, &item);
    list[i] = c_string(env, item);
    if (list[i] == NULL) {
      free_list(list);
      return NULL;
    }
  }
  return list;
}

static napi_value do_spawn(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 4) {
    napi_throw_type_error(env, NULL, "caesium_spawn: spawn(file, args, cwd, env)");
    return NULL;
  }
  char *file = c_string(env, argv[0]);
  char *cwd = c_string(env, argv[2]);
  char **args = c_list(env, argv[1]);
  char **envp = c_list(env, argv[3]);
  napi_value result = NULL;
  int out[2] = {-1, -1}, err[2] = {-1, -1};
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  int have_actions = 0, have_attr = 0;
  if (file == NULL || cwd == NULL || args == NULL || envp == NULL) goto done;
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    throw_errno(env, errno, "pipe");
    goto done;
  }
  int rc = posix_spawn_file_actions_init(&actions);
  have_actions = rc == 0;
  if (rc == 0) rc = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  if (rc == 0) rc = posix_spawn_file_actions_addchdir_np(&actions, cwd);
  if (rc == 0) rc = posix_spawnattr_init(&attr);
  have_attr = rc == 0;
  sigset_t all, none;
  sigfillset(&all);
  sigemptyset(&none);
  if (rc == 0) rc = posix_spawnattr_setsigdefault(&attr, &all);
  if (rc == 0) rc = posix_spawnattr_setsigmask(&attr, &none);
  if (rc == 0) rc = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  pid_t pid = -1;
  if (rc == 0) rc = posix_spawn(&pid, file, &actions, &attr, args, envp);
  if (rc != 0) {
    throw_errno(env, rc, file);
    goto done;
  }
  close(out[1]);
  close(err[1]);
  out[1] = err[1] = -1;
  napi_value values[3];
  napi_create_int32(env, pid, &values[0]);
  napi_create_int32(env, out[0], &values[1]);
  napi_create_int32(env, err[0], &values[2]);
  out[0] = err[0] = -1; /* now owned by JS */
  napi_create_array_with_length(env, 3, &result);
  for (uint32_t i = 0; i < 3; i++) napi_set_element(env, result, i, values[i]);
done:
  if (have_actions) posix_spawn_file_actions_destroy(&actions);
  if (have_attr) posix_spawnattr_destroy(&attr);
  for (int i = 0; i < 2; i++) {
    if (out[i] >= 0) close(out[i]);
    if (err[i] >= 0) close(err[i]);
  }
  free(file);
  free(cwd);
  free_list(args);
  free_list(envp);
  return result;
}

typedef struct {
  pid_t pid;
  int status;
  napi_threadsafe_function callback;
} waiter;

static void call_back(napi_env env, napi_value js_callback, void *context, void *data) {
  (void)context;
  waiter *w = data;
  if (env != NULL) {
    napi_value args[2], undefined;
    int code = WIFEXITED(w->status) ? WEXITSTATUS(w->status) : -1;
    int sig = WIFSIGNALED(w->status) ? WTERMSIG(w->status) : 0;
    napi_create_int32(env, code, &args[0]);
    napi_create_int32(env, sig, &args[1]);
    napi_get_undefined(env, &undefined);
    napi_call_function(env, undefined, js_callback, 2, args, NULL);
  }
  free(w);
}

static void *reap(void *data) {
  waiter *w = data;
  napi_threadsafe_function callback = w->callback;
  while (waitpid(w->pid, &w->status, 0) < 0) {
    if (errno != EINTR) {
      w->status = 0xff00; /* reported as exit code 255 */
      break;
    }
  }
  napi_call_threadsafe_function(callback, w, napi_tsfn_blocking);
  napi_release_threadsafe_function(callback, napi_tsfn_release);
  return NULL;
}

static napi_value do_wait(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], name;
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int32_t pid = 0;
  CHECK(env, napi_get_value_int32(env, argv[0], &pid));
  waiter *w = calloc(1, sizeof *w);
  if (w == NULL) return throw_errno(env, ENOMEM, "wait");
  w->pid = pid;
  CHECK(env, napi_create_string_utf8(env, "caesium_spawn.wait", NAPI_AUTO_LENGTH, &name));
  CHECK(env, napi_create_threadsafe_function(env, argv[1], NULL, name, 0, 1, NULL, NULL, NULL, call_back, &w->callback));
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  pthread_t thread;
  int rc = pthread_create(&thread, &attr, reap, w);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    napi_release_threadsafe_function(w->callback, napi_tsfn_abort);
    free(w);
    return throw_errno(env, rc, "wait thread");
  }
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "spawn", NAPI_AUTO_LENGTH, do_spawn, NULL, &fn) != napi_ok) return NULL;
  napi_set_named_property(env, exports, "spawn", fn);
  if (napi_create_function(env, "wait", NAPI_AUTO_LENGTH, do_wait, NULL, &fn) != napi_ok) return NULL;
  napi_set_named_property(env, exports, "wait", fn);
  return exports;
}
