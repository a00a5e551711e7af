dnl HS_CHECK_CFLAG(FLAG, ACTION-IF-OK): run ACTION-IF-OK when the C compiler
dnl accepts FLAG (tried together with -Werror so "unknown option" warnings count).
AC_DEFUN([HS_CHECK_CFLAG], [
  AS_VAR_PUSHDEF([hs_var], [hs_cv_cflag_$1])
  AC_CACHE_CHECK([whether $CC accepts $1], [hs_var], [
    hs_save_CFLAGS=$CFLAGS
    CFLAGS="$CFLAGS $1 -Werror"
    AC_COMPILE_IFELSE([AC_LANG_PROGRAM([], [])],
      [AS_VAR_SET([hs_var], [yes])], [AS_VAR_SET([hs_var], [no])])
    CFLAGS=$hs_save_CFLAGS])
  AS_VAR_IF([hs_var], [yes], [$2])
  AS_VAR_POPDEF([hs_var])
])
