// SPDX-License-Identifier: Apache-2.0
// The interpreter's handlers, one source for every dispatch mode: exec.c
// includes this file inside its dispatch loop (computed goto, switch) or at
// file scope (tail calls), after defining the macros it uses:
//   CASE(NAME) { ... }   a handler;  AUX(name) { ... }   a shared tail
//   COLD_CASE, COLD_AUX  the same, for those seldom run that call out,
//                        where the mode marks them (else CASE and AUX)
//   NEXT(n), DISPATCH()  continue at ip + n, or at ip
//   TRAP(code), TRAP_AFTER(code) (ip past the operation's start: exec.c),
//   TRAPIDX(i), HOST_TRAP(t), DONE(), DO_CALL()
//   S, INST, CUR, ENTRY, CALLEE, NFP   the state not in ip/fp/mem
//   FUNCS, TABLE(t)      the instance's functions, and its table t
//   MEMSIZE              memory 0's size in bytes
//   R(k)                 the frame cell named by operand k
// Not a normal header: no include guard, included once per mode.

#ifndef COLD_CASE
#define COLD_CASE(name) CASE(name)
#endif
#ifndef COLD_AUX
#define COLD_AUX(name) AUX(name)
#endif

// The accumulators: ACC_<type> reads one, SET_<type>(v) writes one; i32,
// i64 and f32 (as bits) live in acc, f64 in facc.
#define ACC_I32 ((uint32_t)acc)
#define ACC_I64 (acc)
#define ACC_F32 (f32_of_bits((uint32_t)acc))
#define ACC_F64 (facc)
// A result into a cell by the field it fills. An i32 fills the whole cell
// (WD_PUT_I32 says why); an f32 does not, as moving it to an integer
// register to do so lengthens chains of float operations through cells.
#define PUT_FIELD_i32 WD_PUT_I32
#define PUT_FIELD_i64(c, v) ((c).i64 = (v))
#define PUT_FIELD_f32(c, v) ((c).f32 = (v))
#define PUT_FIELD_f64(c, v) ((c).f64 = (v))
#define PUT_FIELD(c, f, v) PUT_FIELD_##f(c, v)
#define PUT_FIELD_(c, f, v) PUT_FIELD(c, f, v)
#define PUT_CELL(c, t, v) PUT_FIELD_(c, CELL(t), v)
#define SET_I32(v) (acc = (uint32_t)(v))
#define SET_I64(v) (acc = (uint64_t)(v))
#define SET_F32(v) (acc = bits_of_f32(v))
#define SET_F64(v) (facc = (v))
// Or to the D operand's cell.
#define PUT_D_I32(v) PUT_CELL(R(1), I32, v)
#define PUT_D_I64(v) PUT_CELL(R(1), I64, v)
#define PUT_D_F32(v) PUT_CELL(R(1), F32, v)
#define PUT_D_F64(v) PUT_CELL(R(1), F64, v)
// The pinned local (ops.def): PIN_<type> reads its register l0, PUTL_<type>
// writes the D operand's cell (the local's) and the register.
#define PIN_I32 ((uint32_t)l0)
#define PIN_I64 (l0)
#define PUTL_I32(v)                                                                                \
  do {                                                                                             \
    uint32_t v_ = (uint32_t)(v);                                                                   \
    WD_PUT_I32(R(1), v_);                                                                          \
    l0 = v_;                                                                                       \
  } while (0)
#define PUTL_I64(v)                                                                                \
  do {                                                                                             \
    uint64_t v_ = (uint64_t)(v);                                                                   \
    R(1).i64 = v_;                                                                                 \
    l0 = v_;                                                                                       \
  } while (0)
// An operand by where it comes from: R its cell (operand unit k), X the
// accumulator, L the pinned local; a result by where it goes.
#define SRC_R(k, t) R(k).CELL(t)
#define SRC_X(k, t) ACC_##t
#define SRC_L(k, t) PIN_##t
#define PUT_R(t) PUT_D_##t
#define PUT_X(t) SET_##t
#define PUT_L(t) PUTL_##t

CASE(UNREACHABLE) { TRAP(WARD_TRAP_UNREACHABLE); }
COLD_CASE(LAZY) {
  // The function's first call in this instance: translate it (unless a
  // call elsewhere did), then run it; this store's function runs the
  // translation from now on.
  const wd_code_t *code_ = wd_compile_lazy(INST->m, CUR->code);
  if (!code_)
    TRAP(WARD_TRAP_OUT_OF_MEMORY);
  wd_func_set_code(CUR, code_);
  if (WD_STACK_SHORT(S, fp + code_->frame_cells > S->stack_end))
    TRAP(WARD_TRAP_STACK_EXHAUSTED);
  l0 = fp[code_->pin].i64;
  ip = code_->ops;
  DISPATCH();
}
// A conditional branch whose jump (J) is operand unit j, its last: taken,
// relative to that unit; else on to the next instruction.
#define BRANCH_IF(cond, j)                                                                         \
  do {                                                                                             \
    if (cond)                                                                                      \
      ip += (j) + (int32_t)ip[j];                                                                  \
    else                                                                                           \
      ip += (j) + 1;                                                                               \
    DISPATCH();                                                                                    \
  } while (0)
// The unit of the operation the jump lands on is in the operation (T),
// read beside the jump (TABLE_JUMP below).
CASE(BR) {
  uint32_t tok = ip[1];
  ip += 2 + (int32_t)ip[2];
  DISPATCH_TOKEN(tok);
}
// The conditional branches on a cell or the accumulator (a list: the
// tail-call build makes their twins from it too, at the end).
#define BR_IF_CASES                                                                                \
  CASE(BR_IF) { BRANCH_IF(R(1).i32, 2); }                                                          \
  CASE(BR_UNLESS) { BRANCH_IF(!R(1).i32, 2); }                                                     \
  CASE(BR_IF_XA) { BRANCH_IF(ACC_I32, 2); }                                                        \
  CASE(BR_UNLESS_XA) { BRANCH_IF(!ACC_I32, 2); }
BR_IF_CASES
// The br_tables (a list: the tail-call build makes their twins from it
// too, at the end). TABLE_JUMP(t): the jump through table entry t, which
// holds the unit of the operation it lands on too (code.h,
// WD_TABLE_ENTRY): the dispatch waits for one load from the table, not
// for a second from the target.
// TABLE_BACK(): what a jump back does first (the twins: check).
#define TABLE_JUMP(t)                                                                              \
  do {                                                                                             \
    const uint32_t *t_ = (t);                                                                      \
    int32_t to_ = (int32_t)t_[0];                                                                  \
    if (to_ < 0)                                                                                   \
      TABLE_BACK();                                                                                \
    ip = t_ + to_;                                                                                 \
    DISPATCH_TOKEN(t_[1]);                                                                         \
  } while (0)
#define TABLE_BACK() ((void)0)
// Entry i of a table at ip + at of n + 1 entries (the last the default).
#define TABLE_ENTRY(at, i, n) (ip + (at) + WD_TABLE_ENTRY * (size_t)((i) < (n) ? (i) : (n)))
// The addresses of a load's addressing forms (A and B as u32 values, the
// load's units: see LOAD_FORMS) and their lengths.
#define LOAD_ADDR(a, b) ((uint64_t)(uint32_t)(a) + ip[3])
#define LOAD_ADDR_AI(a, b) ((uint64_t)(uint32_t)((a) + ip[3]) + ip[4])
#define LOAD_ADDR_AA(a, b) ((uint64_t)(uint32_t)((a) + (b)) + ip[4])
#define LOAD_ADDR_SAA(a, b) ((uint64_t)(uint32_t)((a) + ((b) << ip[4])) + ip[5])
#define LOAD_ADDR_SAI(a, b) ((uint64_t)(uint32_t)(((a) << ip[3]) + ip[4]) + ip[5])
#define LOAD_ADDR_K(a, b) ((uint64_t)ip[2])
#define LOAD_LEN 4
#define LOAD_LEN_AI 5
#define LOAD_LEN_AA 5
#define LOAD_LEN_K 3
#define LOAD_LEN_SAA 6
#define LOAD_LEN_SAI 6
// A br_table on an index loaded just before: D = the value loaded, its
// address as the load's addressing form s computes it.
// A is read as `a` (a cell, or the pinned local's register).
#define BR_TABLE_LOAD_CASE(label, s, a, n, expr)                                                   \
  CASE(label) {                                                                                    \
    ADDR(p, LOAD_ADDR##s(a, R(3).i32), n);                                                         \
    uint32_t i = (expr), c_ = ip[LOAD_LEN##s];                                                     \
    WD_PUT_I32(R(1), i);                                                                           \
    TABLE_JUMP(TABLE_ENTRY(LOAD_LEN##s + 1, i, c_));                                               \
  }
#define BR_TABLE_CASES                                                                             \
  CASE(BR_TABLE) {                                                                                 \
    uint32_t i = R(1).i32, n = ip[2];                                                              \
    TABLE_JUMP(TABLE_ENTRY(3, i, n));                                                              \
  }                                                                                                \
  CASE(BR_TABLE_XA) {                                                                              \
    uint32_t i = ACC_I32, n = ip[2];                                                               \
    TABLE_JUMP(TABLE_ENTRY(3, i, n));                                                              \
  }                                                                                                \
  BR_TABLE_LOAD_CASE(BR_TABLE_L32, , R(2).i32, 4, ld32(p))                                         \
  BR_TABLE_LOAD_CASE(BR_TABLE_L32_SAA, _SAA, R(2).i32, 4, ld32(p))                                 \
  BR_TABLE_LOAD_CASE(BR_TABLE_L32_SAI, _SAI, R(2).i32, 4, ld32(p))                                 \
  BR_TABLE_LOAD_CASE(BR_TABLE_L8U, , R(2).i32, 1, p[0])                                            \
  BR_TABLE_LOAD_CASE(BR_TABLE_L32_LA, , PIN_I32, 4, ld32(p))                                       \
  BR_TABLE_LOAD_CASE(BR_TABLE_L32_SAA_LA, _SAA, PIN_I32, 4, ld32(p))                               \
  BR_TABLE_LOAD_CASE(BR_TABLE_L32_SAI_LA, _SAI, PIN_I32, 4, ld32(p))                               \
  BR_TABLE_LOAD_CASE(BR_TABLE_L8U_LA, , PIN_I32, 1, p[0])                                          \
  CASE(BR_TABLE_ADDI) {                                                                            \
    uint32_t i = R(1).i32 + ip[2], n = ip[3];                                                      \
    TABLE_JUMP(TABLE_ENTRY(4, i, n));                                                              \
  }                                                                                                \
  CASE(BR_TABLE_ADDI_XA) {                                                                         \
    uint32_t i = ACC_I32 + ip[2], n = ip[3];                                                       \
    TABLE_JUMP(TABLE_ENTRY(4, i, n));                                                              \
  }
BR_TABLE_CASES
#ifdef WD_TAIL
// D = A + addend (A a cell, or the pinned local's register for ADDI_LA_),
// then the br_table t (its units follow): a tail call to its handler, or
// its twin's (s: _INTR), a direct jump.
#define ADDI_TABLE_FORM(name, a, t)                                                                \
  CASE(name) {                                                                                     \
    WD_PUT_I32(R(1), (a) + ip[3]);                                                                 \
    ip += 3;                                                                                       \
    GOTO_OP(t);                                                                                    \
  }
#define ADDI_TABLE_CASE(t, s) ADDI_TABLE_FORM(ADDI_##t, R(2).i32, t##s)
#define ADDI_LA_TABLE_CASE(t, s) ADDI_TABLE_FORM(ADDI_LA_##t##_LA, PIN_I32, t##_LA##s)
#define ADDI_TABLE_PLAIN(t) ADDI_TABLE_CASE(t, )
#define ADDI_LA_TABLE_PLAIN(t) ADDI_LA_TABLE_CASE(t, )
WD_ADDI_TABLES(ADDI_TABLE_PLAIN)
WD_ADDI_LA_TABLES(ADDI_LA_TABLE_PLAIN)
#endif
// Resumes the frame record at depth d (which becomes the store's depth):
// its position, frame, pinned local, function, instance and memory.
#define RESUME_FRAME(d)                                                                            \
  do {                                                                                             \
    const wd_frame_t *fr_ = &S->frames[S->depth = (d)];                                            \
    ip = fr_->ip;                                                                                  \
    fp = fr_->fp;                                                                                  \
    l0 = fr_->pinned;                                                                              \
    CUR = fr_->func;                                                                               \
    TRACK_CUR(CUR);                                                                                \
    INST = CUR->inst;                                                                              \
    LOAD_MEM();                                                                                    \
  } while (0)
#ifdef WD_TAIL
// Where each handler is a function of its own (tail calls), a return into
// the same instance keeps the memory registers: they are the callee's,
// current after any growth it made (a host call reloads them after it).
// The computed-goto build keeps the shorter form: in its one function the
// test costs more than the loads it saves (docs/limits.md).
#define RETURN_BODY()                                                                              \
  do {                                                                                             \
    ward_store_t *s_ = S;                                                                          \
    uint32_t d_ = s_->depth;                                                                       \
    if (d_ == ENTRY)                                                                               \
      DONE();                                                                                      \
    const wd_frame_t *fr_ = &s_->frames[s_->depth = d_ - 1];                                       \
    ip = fr_->ip;                                                                                  \
    fp = fr_->fp;                                                                                  \
    l0 = fr_->pinned;                                                                              \
    uint32_t tok_ = fr_->tok;                                                                      \
    ward_func_t *f_ = fr_->func;                                                                   \
    CUR = f_;                                                                                      \
    TRACK_CUR(f_);                                                                                 \
    if (f_->inst != INST) {                                                                        \
      INST = f_->inst;                                                                             \
      LOAD_MEM();                                                                                  \
    }                                                                                              \
    DISPATCH_TOKEN(tok_);                                                                          \
  } while (0)
#else
#define RETURN_BODY()                                                                              \
  do {                                                                                             \
    if (S->depth == ENTRY)                                                                         \
      DONE();                                                                                      \
    uint32_t tok_ = S->frames[S->depth - 1].tok;                                                   \
    RESUME_FRAME(S->depth - 1);                                                                    \
    DISPATCH_TOKEN(tok_);                                                                          \
  } while (0)
#endif
CASE(RETURN) { RETURN_BODY(); }
CASE(COPY_RETURN) {
  R(1) = R(2);
  RETURN_BODY();
}
CASE(CONST_RETURN) {
  WD_PUT_I32(R(1), ip[2]);
  RETURN_BODY();
}
#define SHL_KA_CASE(label, b, put)                                                                 \
  CASE(label) {                                                                                    \
    put(I32)(ip[2] << ((b)&31));                                                                   \
    NEXT(4);                                                                                       \
  }
SHL_KA_CASE(I32_SHL_KA, R(3).i32, PUT_R)
SHL_KA_CASE(I32_SHL_KA_XB, ACC_I32, PUT_R)
SHL_KA_CASE(I32_SHL_KA_LB, PIN_I32, PUT_R)
SHL_KA_CASE(I32_SHL_KA_XD, R(3).i32, PUT_X)
SHL_KA_CASE(I32_SHL_KA_XD_LB, PIN_I32, PUT_X)
SHL_KA_CASE(I32_SHL_KA_LD, R(3).i32, PUT_L)
CASE(I32_STORE_ADDI) {
  ADDR(p, EA(R(1), ip[3]), 4);
  st32(p, R(2).i32);
  WD_PUT_I32(R(4), R(5).i32 + ip[6]);
  NEXT(7);
}
CASE(I32_LOAD_ADDI) {
  ADDR(p, EA(R(2), ip[3]), 4);
  uint32_t v_ = ld32(p);
  WD_PUT_I32(R(1), v_);
  WD_PUT_I32(R(4), v_ + ip[5]);
  NEXT(6);
}
CASE(I64_STORE_ADDI) {
  ADDR(p, EA(R(1), ip[3]), 8);
  st64(p, R(2).i64);
  WD_PUT_I32(R(4), R(5).i32 + ip[6]);
  NEXT(7);
}
// An f64 in memory read, changed and written back: m_ is the value read,
// expr the value written (an add of a cell, or of a product rounded first).
#define ADDTO_CASE(label, ea, len, expr, bump)                                                     \
  CASE(label) {                                                                                    \
    ADDR(p, ea, 8);                                                                                \
    double m_ = f64_of_bits(ld64(p)), r_ = (expr);                                                 \
    uint64_t b_;                                                                                   \
    memcpy(&b_, &r_, 8);                                                                           \
    st64(p, b_);                                                                                   \
    bump;                                                                                          \
    NEXT(len);                                                                                     \
  }
ADDTO_CASE(F64_ADDTO_M, EA(R(2), ip[3]), 4, R(1).f64 + m_, (void)0)
ADDTO_CASE(F64_ADDTO_MAI, EA_WRAP(R(2), ip[3], ip[4]), 5, R(1).f64 + m_, (void)0)
ADDTO_CASE(F64_ADDTO_M_ADDI, EA(R(2), ip[3]), 7, R(1).f64 + m_, WD_PUT_I32(R(4), R(5).i32 + ip[6]))
ADDTO_CASE(F64_ADDTO_MAI_ADDI, EA_WRAP(R(2), ip[3], ip[4]), 8, R(1).f64 + m_,
           WD_PUT_I32(R(5), R(6).i32 + ip[7]))
ADDTO_CASE(F64_SUBMUL_M, EA(R(3), ip[4]), 5, m_ - R(1).f64 * R(2).f64, (void)0)
ADDTO_CASE(F64_MULADD_M, EA(R(3), ip[4]), 5, (R(1).f64 * R(2).f64) + m_, (void)0)
#define ADDTO_IMM_CASE(label, a)                                                                   \
  CASE(label) {                                                                                    \
    ADDR(p, (uint64_t)(uint32_t)(a) + ip[2], 4);                                                   \
    st32(p, ld32(p) + ip[3]);                                                                      \
    NEXT(4);                                                                                       \
  }
ADDTO_IMM_CASE(I32_ADDTO_M_IMM, R(1).i32)
ADDTO_IMM_CASE(I32_ADDTO_M_IMM_LA, PIN_I32)
#define ADD3_CASE(label, a, b, c, put)                                                             \
  CASE(label) {                                                                                    \
    put((uint32_t)((a) + (b) + (c)));                                                              \
    NEXT(5);                                                                                       \
  }
ADD3_CASE(I32_ADD3, R(2).i32, R(3).i32, R(4).i32, PUT_D_I32)
ADD3_CASE(I32_ADD3_XA, ACC_I32, R(3).i32, R(4).i32, PUT_D_I32)
ADD3_CASE(I32_ADD3_XB, R(2).i32, ACC_I32, R(4).i32, PUT_D_I32)
ADD3_CASE(I32_ADD3_XC, R(2).i32, R(3).i32, ACC_I32, PUT_D_I32)
ADD3_CASE(I32_ADD3_XD, R(2).i32, R(3).i32, R(4).i32, SET_I32)
ADD3_CASE(I32_ADD3_XAD, ACC_I32, R(3).i32, R(4).i32, SET_I32)
ADD3_CASE(I32_ADD3_XBD, R(2).i32, ACC_I32, R(4).i32, SET_I32)
ADD3_CASE(I32_ADD3_XCD, R(2).i32, R(3).i32, ACC_I32, SET_I32)
ADD3_CASE(I32_ADD3_LD, R(2).i32, R(3).i32, R(4).i32, PUTL_I32)
ADD3_CASE(I32_ADD3_XA_LD, ACC_I32, R(3).i32, R(4).i32, PUTL_I32)
ADD3_CASE(I32_ADD3_XB_LD, R(2).i32, ACC_I32, R(4).i32, PUTL_I32)
ADD3_CASE(I32_ADD3_XC_LD, R(2).i32, R(3).i32, ACC_I32, PUTL_I32)
CASE(I64_STORE_XF) {
  ADDR(p, EA(R(1), ip[3]), 8);
  wd_cell_t v;
  v.f64 = facc;
  st64(p, v.i64);
  NEXT(4);
}
// The bit field: D = (A >> shift) & mask.
#define EXTRACT_FORM(label, a, d)                                                                  \
  CASE(label) {                                                                                    \
    PUT_##d(I32)((SRC_##a(2, I32) >> (ip[3] & 31)) & ip[4]);                                       \
    NEXT(5);                                                                                       \
  }
EXTRACT_FORM(I32_EXTRACT, R, R)
EXTRACT_FORM(I32_EXTRACT_XA, X, R)
EXTRACT_FORM(I32_EXTRACT_XD, R, X)
EXTRACT_FORM(I32_EXTRACT_XAD, X, X)
EXTRACT_FORM(I32_EXTRACT_LD, R, L)
EXTRACT_FORM(I32_EXTRACT_XA_LD, X, L)
#define ADD_IMM2_CASE(label, a, put)                                                               \
  CASE(label) {                                                                                    \
    put(I32)((a) + ip[3]);                                                                         \
    WD_PUT_I32(R(4), R(5).i32 + ip[6]);                                                            \
    NEXT(7);                                                                                       \
  }
ADD_IMM2_CASE(ADD_IMM2, R(2).i32, PUT_R)
ADD_IMM2_CASE(ADD_IMM2_LD, R(2).i32, PUT_L)
ADD_IMM2_CASE(ADD_IMM2_LAD, PIN_I32, PUT_L)
#ifdef WD_TAIL
// A call of `callee` with its frame at `nfp`, ip at the return address.
// Where each handler is a function of its own (tail calls), the call runs
// in the calling handler up to the callee's first dispatch when the callee
// is wasm code whose declared locals take two runs of stores at most
// (zero_locals) and the stack has room, with no call out, so the handler
// needs no stack frame; a host function, a stack to deepen, a trap or a
// bigger frame go through do_call. One test (call_cells) covers the room
// and the kind of callee. What it reads of the callee is in the callee's
// first cache line (runtime/rt.h), and its jump goes to the unit kept
// there, so that the jump waits for the function's address and one load.
// The computed-goto build shares do_call's one copy.
#define CALL_TO(callee, nfp)                                                                       \
  do {                                                                                             \
    ward_func_t *c_ = (callee);                                                                    \
    wd_cell_t *n_ = (nfp);                                                                         \
    ward_store_t *s_ = S;                                                                          \
    uint32_t d_ = s_->depth;                                                                       \
    if (d_ < atomic_load_explicit(&s_->max_depth, memory_order_relaxed) &&                         \
        (size_t)(s_->stack_end - n_) >= c_->call_cells) {                                          \
      wd_frame_t *fr_ = &s_->frames[d_];                                                           \
      s_->depth = d_ + 1;                                                                          \
      fr_->ip = ip;                                                                                \
      fr_->fp = fp;                                                                                \
      fr_->func = CUR;                                                                             \
      fr_->pinned = (uint32_t)l0;                                                                  \
      fr_->tok = *ip;                                                                              \
      CUR = c_;                                                                                    \
      TRACK_CUR(c_);                                                                               \
      uint32_t tok_ = c_->entry_tok;                                                               \
      zero_few(n_ + c_->zero_at, c_->zero_cells);                                                  \
      ip = c_->entry;                                                                              \
      fp = n_;                                                                                     \
      l0 = fp[c_->pin].i64;                                                                        \
      if (c_->inst != INST) {                                                                      \
        INST = c_->inst;                                                                           \
        LOAD_MEM();                                                                                \
      }                                                                                            \
      DISPATCH_TOKEN(tok_);                                                                        \
    }                                                                                              \
    CALLEE = c_;                                                                                   \
    NFP = n_;                                                                                      \
    DO_CALL();                                                                                     \
  } while (0)
#else
#define CALL_TO(callee, nfp)                                                                       \
  do {                                                                                             \
    CALLEE = (callee);                                                                             \
    NFP = (nfp);                                                                                   \
    DO_CALL();                                                                                     \
  } while (0)
#endif
// A direct call whose function index is operand unit f and frame base
// unit f + 1, the instruction's last.
#define CALL_AT(f)                                                                                 \
  do {                                                                                             \
    ward_func_t *callee_ = FUNCS[ip[f]];                                                           \
    wd_cell_t *nfp_ = fp + ip[(f) + 1];                                                            \
    ip += (f) + 2;                                                                                 \
    CALL_TO(callee_, nfp_);                                                                        \
  } while (0)
CASE(CALL) { CALL_AT(1); }
// The callee of call_indirect and return_call_indirect: I(type) I(table)
// A(index) as operand units 1 to 3.
#define INDIRECT_CALLEE()                                                                          \
  do {                                                                                             \
    const wd_rtt_t *want = INST->m->rtts[ip[1]];                                                   \
    ward_table_t *t = TABLE(ip[2]);                                                                \
    uint32_t i = R(3).i32;                                                                         \
    TRAPIDX(i);                                                                                    \
    if (i >= t->size)                                                                              \
      TRAP(WARD_TRAP_UNDEFINED_ELEMENT);                                                           \
    CALLEE = t->elems[i];                                                                          \
    if (!CALLEE)                                                                                   \
      TRAP(WARD_TRAP_UNINITIALIZED_ELEMENT);                                                       \
    if (CALLEE->rtt != want && !wd_rtt_sub(CALLEE->rtt, want))                                     \
      TRAP(WARD_TRAP_INDIRECT_MISMATCH);                                                           \
  } while (0)
CASE(CALL_INDIRECT) {
  INDIRECT_CALLEE();
  wd_cell_t *nfp_ = fp + ip[4];
  ip += 5;
  CALL_TO(CALLEE, nfp_);
}
CASE(RETURN_CALL) {
  CALLEE = FUNCS[ip[1]];
  NFP = fp + ip[2];
  DO_TAIL_CALL();
}
CASE(CALL_REF) {
  CALLEE = R(2).ref;
  if (!CALLEE)
    TRAP(WARD_TRAP_NULL_FUNCTION);
  NFP = fp + ip[3];
  ip += 4;
  DO_CALL();
}
CASE(RETURN_CALL_REF) {
  CALLEE = R(2).ref;
  if (!CALLEE)
    TRAP(WARD_TRAP_NULL_FUNCTION);
  NFP = fp + ip[3];
  DO_TAIL_CALL();
}
CASE(REF_AS_NON_NULL) {
  if (!R(2).ref)
    TRAP(WARD_TRAP_NULL_REFERENCE);
  R(1) = R(2);
  NEXT(3);
}
CASE(BR_IF_NULL) { BRANCH_IF(R(1).ref == NULL, 2); }
CASE(BR_IF_NONNULL) { BRANCH_IF(R(1).ref != NULL, 2); }
COLD_CASE(THROW) {
  EXN = wd_exn_new(S, INST->tags[ip[1]], fp + ip[2], fp + CUR->code->frame_cells);
  if (!EXN)
    TRAP(WARD_TRAP_OUT_OF_MEMORY);
  ip += 1;
  DO_THROW();
}
COLD_CASE(THROW_REF) {
  EXN = R(1).ref;
  if (!EXN)
    TRAP(WARD_TRAP_NULL_EXCEPTION);
  ip += 1;
  DO_THROW();
}
COLD_CASE(RETHROW) {
  EXN = fp[CUR->code->exn_base + ip[1]].ref;
  ip += 1;
  DO_THROW();
}
CASE(RETURN_CALL_INDIRECT) {
  INDIRECT_CALLEE();
  NFP = fp + ip[4];
  DO_TAIL_CALL();
}
CASE(COPY) {
  R(1) = R(2);
  NEXT(3);
}
CASE(COPY_LA) {
  R(1).i64 = l0;
  NEXT(3);
}
CASE(COPY_LD) {
  wd_cell_t v = R(2);
  R(1) = v;
  l0 = v.i64;
  NEXT(3);
}
CASE(COPY128) {
  // The two may overlap by a cell (a result moved down to cell 0).
  memmove(&fp[ip[1]], &fp[ip[2]], 16); // one 16-byte load and store
  NEXT(3);
}
// Copies in a row, in order; with the pinned local among the destinations
// (_L<k>), its register reloaded from the cell at unit k after them.
#define COPIES2 R(1) = R(2), R(3) = R(4)
#define COPIES3 COPIES2, R(5) = R(6)
#define COPIES4 COPIES3, R(7) = R(8)
CASE(COPY2) {
  COPIES2;
  NEXT(5);
}
CASE(COPY3) {
  COPIES3;
  NEXT(7);
}
CASE(COPY4) {
  COPIES4;
  NEXT(9);
}
#define COPY_L(n, k)                                                                               \
  CASE(COPY##n##_L##k) {                                                                           \
    COPIES##n;                                                                                     \
    l0 = R(k).i64;                                                                                 \
    NEXT(2 * (n) + 1);                                                                             \
  }
COPY_L(2, 1)
COPY_L(2, 3)
COPY_L(3, 1)
COPY_L(3, 3)
COPY_L(3, 5)
COPY_L(4, 1)
COPY_L(4, 3)
COPY_L(4, 5)
COPY_L(4, 7)
CASE(CALL_C1) {
  R(1) = R(2);
  CALL_AT(3);
}
CASE(CALL_C2) {
  COPIES2;
  CALL_AT(5);
}
// Latches and kept flag tests on zero: D = A + addend (ADDBR) or
// D = A & mask (ANDBR), then branch if D is (not) zero.
#define OPBR_Z_CASE(label, oper, a, put, cond)                                                     \
  CASE(label) {                                                                                    \
    uint32_t d_ = SRC_##a(2, I32) oper ip[3];                                                      \
    PUT_##put(I32)(d_);                                                                            \
    BRANCH_IF(cond, 4);                                                                            \
  }
#define OPBR_Z_FORMS(n, oper)                                                                      \
  OPBR_Z_CASE(n##_NZ, oper, R, R, d_)                                                              \
  OPBR_Z_CASE(n##_Z, oper, R, R, !d_)                                                              \
  OPBR_Z_CASE(n##_NZ_LA, oper, L, R, d_)                                                           \
  OPBR_Z_CASE(n##_NZ_LD, oper, R, L, d_)                                                           \
  OPBR_Z_CASE(n##_NZ_LAD, oper, L, L, d_)                                                          \
  OPBR_Z_CASE(n##_Z_LA, oper, L, R, !d_)                                                           \
  OPBR_Z_CASE(n##_Z_LD, oper, R, L, !d_)                                                           \
  OPBR_Z_CASE(n##_Z_LAD, oper, L, L, !d_)
#define ADDBR_Z_CASES OPBR_Z_FORMS(ADDBR, +) OPBR_Z_FORMS(ANDBR, &)
ADDBR_Z_CASES
CASE(CONST32) {
  WD_PUT_I32(R(1), ip[2]);
  NEXT(3);
}
CASE(CONST64) {
  R(1).i64 = (uint64_t)ip[2] | (uint64_t)ip[3] << 32;
  NEXT(4);
}
CASE(CONST32_LD) {
  PUTL_I32(ip[2]);
  NEXT(3);
}
// select: D = cond ? A : B, of len units; pin: also into the pinned
// local's register (_LD).
#define SELECT_CASE(label, cond, len, pin)                                                         \
  CASE(label) {                                                                                    \
    uint64_t v_ = select64(cond, R(2).i64, R(3).i64);                                              \
    R(1).i64 = v_;                                                                                 \
    pin;                                                                                           \
    NEXT(len);                                                                                     \
  }
SELECT_CASE(SELECT, R(4).i32, 5, (void)0)
SELECT_CASE(SELECT_XC, ACC_I32, 5, (void)0)
SELECT_CASE(SELECT_LD, R(4).i32, 5, l0 = v_)
SELECT_CASE(SELECT_XC_LD, ACC_I32, 5, l0 = v_)
CASE(SELECT128) {
  uint32_t src = R(4).i32 ? ip[2] : ip[3];
  wd_cell_t lo = fp[src], hi = fp[src + 1];
  fp[ip[1]] = lo;
  fp[ip[1] + 1] = hi;
  NEXT(5);
}
CASE(GLOBAL_GET) {
  R(1) = INST->globals[ip[2]]->val[0];
  NEXT(3);
}
CASE(GLOBAL_GET_LD) {
  wd_cell_t v = INST->globals[ip[2]]->val[0];
  R(1) = v;
  l0 = v.i64;
  NEXT(3);
}
CASE(GLOBAL_SET) {
  INST->globals[ip[1]]->val[0] = R(2);
  NEXT(3);
}
CASE(GLOBAL_SET_X32) {
  WD_PUT_I32(INST->globals[ip[1]]->val[0], ACC_I32);
  NEXT(3);
}
CASE(GLOBAL_SET_X64) {
  INST->globals[ip[1]]->val[0].i64 = ACC_I64;
  NEXT(3);
}
CASE(GLOBAL_SET_XF) {
  INST->globals[ip[1]]->val[0].f64 = ACC_F64;
  NEXT(3);
}
CASE(GLOBAL_GET128) {
  ward_global_t *g = INST->globals[ip[2]];
  fp[ip[1]] = g->val[0];
  fp[ip[1] + 1] = g->val[1];
  NEXT(3);
}
CASE(GLOBAL_SET128) {
  ward_global_t *g = INST->globals[ip[1]];
  g->val[0] = fp[ip[2]];
  g->val[1] = fp[ip[2] + 1];
  NEXT(3);
}
CASE(REF_IS_NULL) {
  WD_PUT_I32(R(1), R(2).ref == NULL);
  NEXT(3);
}
CASE(REF_FUNC) {
  R(1).ref = INST->funcs[ip[2]];
  NEXT(3);
}

// ---- garbage collection (ops.def; the rest in exec_gc.c) -------------------
COLD_CASE(SGET) {
  if (!wd_gc_sget(fp, ip))
    TRAP(WARD_TRAP_NULL_STRUCT);
  NEXT(5);
}
COLD_CASE(SSET) {
  if (!wd_gc_sset(fp, ip))
    TRAP(WARD_TRAP_NULL_STRUCT);
  NEXT(5);
}
COLD_CASE(AGET) {
  ward_trapcode_t tc_ = wd_gc_aget(fp, ip);
  if (tc_)
    TRAP(tc_);
  NEXT(5);
}
COLD_CASE(ASET) {
  ward_trapcode_t tc_ = wd_gc_aset(fp, ip);
  if (tc_)
    TRAP(tc_);
  NEXT(5);
}
CASE(ARRAY_LEN) {
  wd_gcobj_t *o_ = R(2).ref;
  if (!o_)
    TRAP(WARD_TRAP_NULL_ARRAY);
  WD_PUT_I32(R(1), o_->len);
  NEXT(3);
}
CASE(REF_I31) {
  R(1).ref = wd_i31_new(R(2).i32);
  NEXT(3);
}
CASE(I31_GET_S) {
  if (!R(2).ref)
    TRAP(WARD_TRAP_NULL_I31);
  WD_PUT_I32(R(1), (uint32_t)wd_i31_get_s(R(2).ref));
  NEXT(3);
}
CASE(I31_GET_U) {
  if (!R(2).ref)
    TRAP(WARD_TRAP_NULL_I31);
  WD_PUT_I32(R(1), wd_i31_get_u(R(2).ref));
  NEXT(3);
}
CASE(REF_EQ) {
  WD_PUT_I32(R(1), R(2).ref == R(3).ref);
  NEXT(4);
}
CASE(REF_TEST) {
  WD_PUT_I32(R(1), wd_gc_test(INST, R(2).ref, ip[3], ip[4]));
  NEXT(5);
}
CASE(REF_CAST) {
  if (!wd_gc_test(INST, R(2).ref, ip[3], ip[4]))
    TRAP(WARD_TRAP_CAST_FAILURE);
  R(1) = R(2);
  NEXT(5);
}
CASE(BR_UNLESS_TEST) { BRANCH_IF(!wd_gc_test(INST, R(1).ref, ip[2], ip[3]), 4); }
CASE(BR_IF_TEST) { BRANCH_IF(wd_gc_test(INST, R(1).ref, ip[2], ip[3]), 4); }
COLD_CASE(GC_OP) {
  ward_trapcode_t tc_ = wd_gc_op(CUR, fp, ip);
  if (tc_)
    TRAP(tc_);
  NEXT(WD_GC_OP_UNITS);
}
CASE(I32_WRAP_I64) {
  WD_PUT_I32(R(1), (uint32_t)R(2).i64);
  NEXT(3);
}
CASE(I32_WRAP_I64_LD) {
  PUTL_I32(R(2).i64);
  NEXT(3);
}

// ---- memory -----------------------------------------------------------
#define LOAD_CASE(label, ea, len, n, put)                                                          \
  CASE(label) {                                                                                    \
    ADDR(p, ea, n);                                                                                \
    put;                                                                                           \
    NEXT(len);                                                                                     \
  }
// The six addressing forms of a load, each ending in `put` (which stores
// the loaded value `expr` of p somewhere), with a label suffix.
#define LOAD_FORM(name, s, sfx, n, put)                                                            \
  LOAD_CASE(name##s##sfx, LOAD_ADDR##s(R(2).i32, R(3).i32), LOAD_LEN##s, n, put)
#define LOAD_FORMS(name, sfx, n, put)                                                              \
  LOAD_FORM(name, , sfx, n, put)                                                                   \
  LOAD_FORM(name, _AI, sfx, n, put)                                                                \
  LOAD_FORM(name, _AA, sfx, n, put)                                                                \
  LOAD_FORM(name, _K, sfx, n, put)                                                                 \
  LOAD_FORM(name, _SAA, sfx, n, put) LOAD_FORM(name, _SAI, sfx, n, put)
// A loaded value into the pinned local, by the cell field it fills.
#define LOAD_PUTL(field, type, expr) PUTL_##field((type)(expr))
#define PUTL_i32 PUTL_I32
#define PUTL_i64 PUTL_I64
// With the pinned local: operand A from its register (_LA, into a cell;
// _XD_LA into the accumulator; _LAD into the local itself), or the value
// loaded into it (_LD); operand B from the register (_LB...).
#define LOAD_PIN_A(name, s, field, type, n, expr)                                                  \
  LOAD_CASE(name##s##_LA, LOAD_ADDR##s(PIN_I32, R(3).i32), LOAD_LEN##s, n,                         \
            PUT_FIELD_##field(R(1), (type)(expr)))                                                 \
  LOAD_CASE(name##s##_XD_LA, LOAD_ADDR##s(PIN_I32, R(3).i32), LOAD_LEN##s, n, acc = (type)(expr))  \
  WD_PIN_IF(field, LOAD_CASE(name##s##_LD, LOAD_ADDR##s(R(2).i32, R(3).i32), LOAD_LEN##s, n,       \
                             LOAD_PUTL(field, type, expr))                                         \
                       LOAD_CASE(name##s##_LAD, LOAD_ADDR##s(PIN_I32, R(3).i32), LOAD_LEN##s, n,   \
                                 LOAD_PUTL(field, type, expr)))
#define LOAD_PIN_B(name, s, field, type, n, expr)                                                  \
  LOAD_CASE(name##s##_LB, LOAD_ADDR##s(R(2).i32, PIN_I32), LOAD_LEN##s, n,                         \
            PUT_FIELD_##field(R(1), (type)(expr)))                                                 \
  LOAD_CASE(name##s##_XD_LB, LOAD_ADDR##s(R(2).i32, PIN_I32), LOAD_LEN##s, n, acc = (type)(expr))  \
  WD_PIN_IF(field, LOAD_CASE(name##s##_LBD, LOAD_ADDR##s(R(2).i32, PIN_I32), LOAD_LEN##s, n,       \
                             LOAD_PUTL(field, type, expr)))
#define WD_OP_LOAD(name, field, type, n, expr)                                                     \
  LOAD_FORMS(name, , n, PUT_FIELD_##field(R(1), (type)(expr)))                                     \
  LOAD_FORMS(name, _XD, n, acc = (type)(expr))                                                     \
  LOAD_PIN_A(name, , field, type, n, expr)                                                         \
  LOAD_PIN_A(name, _AI, field, type, n, expr)                                                      \
  LOAD_PIN_A(name, _AA, field, type, n, expr)                                                      \
  LOAD_PIN_A(name, _SAA, field, type, n, expr)                                                     \
  LOAD_PIN_A(name, _SAI, field, type, n, expr)                                                     \
  WD_PIN_IF(field, LOAD_CASE(name##_K_LD, (uint64_t)ip[2], 3, n, LOAD_PUTL(field, type, expr)))    \
  LOAD_PIN_B(name, _AA, field, type, n, expr)                                                      \
  LOAD_PIN_B(name, _SAA, field, type, n, expr)
#define WD_OP_LOAD_F64(name) LOAD_FORMS(name, _XF, 8, facc = f64_of_bits(ld64(p)))
#define WD_OP_STORE(name, n, field, stmt)                                                          \
  CASE(name) {                                                                                     \
    ADDR(p, EA(R(1), ip[3]), n);                                                                   \
    wd_cell_t v = R(2);                                                                            \
    stmt;                                                                                          \
    NEXT(4);                                                                                       \
  }                                                                                                \
  CASE(name##_AI) {                                                                                \
    ADDR(p, EA_WRAP(R(1), ip[3], ip[4]), n);                                                       \
    wd_cell_t v = R(2);                                                                            \
    stmt;                                                                                          \
    NEXT(5);                                                                                       \
  }                                                                                                \
  CASE(name##_K) {                                                                                 \
    ADDR(p, (uint64_t)ip[2], n);                                                                   \
    wd_cell_t v = R(1);                                                                            \
    stmt;                                                                                          \
    NEXT(3);                                                                                       \
  }                                                                                                \
  CASE(name##_XB) {                                                                                \
    ADDR(p, EA(R(1), ip[3]), n);                                                                   \
    wd_cell_t v;                                                                                   \
    v.field = acc;                                                                                 \
    stmt;                                                                                          \
    NEXT(4);                                                                                       \
  }                                                                                                \
  STORE_FORM(name##_LA, n, field, stmt, LOAD_ADDR(PIN_I32, 0), v = R(2), 4)                        \
  STORE_FORM(name##_XB_LA, n, field, stmt, LOAD_ADDR(PIN_I32, 0), v.field = acc, 4)                \
  STORE_FORM(name##_AI_LA, n, field, stmt, LOAD_ADDR_AI(PIN_I32, 0), v = R(2), 5)                  \
  STORE_FORM(name##_IMM, n, field, stmt, EA(R(1), ip[3]), v.field = STORE_IMM_##field(ip[2]), 4)   \
  STORE_FORM(name##_AI_IMM, n, field, stmt, EA_WRAP(R(1), ip[3], ip[4]),                           \
             v.field = STORE_IMM_##field(ip[2]), 5)                                                \
  STORE_FORM(name##_IMM_LA, n, field, stmt, LOAD_ADDR(PIN_I32, 0),                                 \
             v.field = STORE_IMM_##field(ip[2]), 4)                                                \
  STORE_FORM(name##_AI_IMM_LA, n, field, stmt, LOAD_ADDR_AI(PIN_I32, 0),                           \
             v.field = STORE_IMM_##field(ip[2]), 5)                                                \
  WD_PIN_IF(field, STORE_FORM(name##_LB, n, field, stmt, EA(R(1), ip[3]), v.field = l0, 4)         \
                       STORE_FORM(name##_AI_LB, n, field, stmt, EA_WRAP(R(1), ip[3], ip[4]),       \
                                  v.field = l0, 5))
// A store of the value that `set` puts in v, at ea: the forms with the
// pinned local as the address or the value, or with a constant value (an
// immediate unit, sign-extended for a 64-bit cell).
#define STORE_IMM_i32(u) (u)
#define STORE_IMM_i64(u) ((uint64_t)(int64_t)(int32_t)(u))
#define STORE_FORM(label, n, field, stmt, ea, set, len)                                            \
  CASE(label) {                                                                                    \
    ADDR(p, ea, n);                                                                                \
    wd_cell_t v;                                                                                   \
    set;                                                                                           \
    stmt;                                                                                          \
    NEXT(len);                                                                                     \
  }
#define WD_OP_ANY(name)
#include "interp/ops.def"
CASE(MEMORY_SIZE) {
  WD_PUT_I32(R(1), (uint32_t)INST->mem0->pages);
  NEXT(2);
}
COLD_CASE(MEMORY_GROW) {
  int64_t r = wd_memory_grow(INST->mem0, R(2).i32);
  WD_PUT_I32(R(1), (uint32_t)r);
  LOAD_MEM();
  NEXT(3);
}
COLD_CASE(MEMORY_INIT) {
  wd_dataseg_t *seg = &INST->datas[ip[1]];
  uint64_t d = R(2).i32, src = R(3).i32, n = R(4).i32;
  if (src + n > seg->len || d + n > MEMSIZE)
    TRAP(WARD_TRAP_MEMORY_OOB);
  ward_trapcode_t tc_ = wd_bulk_move(S, mem + d, seg->bytes + src, n, n / 16);
  if (tc_)
    TRAP(tc_);
  NEXT(5);
}
CASE(DATA_DROP) {
  INST->datas[ip[1]].len = 0;
  NEXT(2);
}
COLD_CASE(MEMORY_COPY) {
  uint64_t d = R(1).i32, src = R(2).i32, n = R(3).i32;
  if (src + n > MEMSIZE || d + n > MEMSIZE)
    TRAP(WARD_TRAP_MEMORY_OOB);
  ward_trapcode_t tc_ = wd_bulk_move(S, mem + d, mem + src, n, n / 16);
  if (tc_)
    TRAP(tc_);
  NEXT(4);
}
COLD_CASE(MEMORY_FILL) {
  uint64_t d = R(1).i32, n = R(3).i32;
  if (d + n > MEMSIZE)
    TRAP(WARD_TRAP_MEMORY_OOB);
  ward_trapcode_t tc_ = wd_bulk_fill(S, mem + d, (uint8_t)R(2).i32, n);
  if (tc_)
    TRAP(tc_);
  NEXT(4);
}
// ---- tables -------------------------------------------------------------
CASE(TABLE_GET) {
  ward_table_t *t = INST->tables[ip[2]];
  uint32_t i = R(3).i32;
  if (i >= t->size)
    TRAP(WARD_TRAP_TABLE_OOB);
  R(1).ref = t->elems[i];
  NEXT(4);
}
CASE(TABLE_SET) {
  ward_table_t *t = INST->tables[ip[1]];
  uint32_t i = R(2).i32;
  if (i >= t->size)
    TRAP(WARD_TRAP_TABLE_OOB);
  t->elems[i] = R(3).ref;
  NEXT(4);
}
CASE(TABLE_SIZE) {
  WD_PUT_I32(R(1), (uint32_t)INST->tables[ip[2]]->size);
  NEXT(3);
}
COLD_CASE(TABLE_GROW) {
  int64_t r = wd_table_grow(INST->tables[ip[2]], R(4).i32, R(3).ref);
  WD_PUT_I32(R(1), (uint32_t)r);
  NEXT(5);
}
COLD_CASE(TABLE_FILL) {
  ward_table_t *t = INST->tables[ip[1]];
  uint64_t i = R(2).i32, n = R(4).i32;
  void *ref = R(3).ref;
  if (i + n > t->size)
    TRAP(WARD_TRAP_TABLE_OOB);
  ward_trapcode_t tc_ = wd_bulk_fill_refs(S, t->elems + i, ref, n);
  if (tc_)
    TRAP(tc_);
  NEXT(5);
}
COLD_CASE(TABLE_COPY) {
  ward_table_t *td = INST->tables[ip[1]], *ts = INST->tables[ip[2]];
  uint64_t d = R(3).i32, src = R(4).i32, n = R(5).i32;
  if (src + n > ts->size || d + n > td->size)
    TRAP(WARD_TRAP_TABLE_OOB);
  ward_trapcode_t tc_ = wd_bulk_move(S, td->elems + d, ts->elems + src, n * sizeof *td->elems, n);
  if (tc_)
    TRAP(tc_);
  NEXT(6);
}
COLD_CASE(TABLE_INIT) {
  ward_table_t *t = INST->tables[ip[1]];
  wd_elemseg_t *seg = &INST->elems[ip[2]];
  uint64_t d = R(3).i32, src = R(4).i32, n = R(5).i32;
  if (src + n > seg->n || d + n > t->size)
    TRAP(WARD_TRAP_TABLE_OOB);
  ward_trapcode_t tc_ = wd_bulk_move(S, t->elems + d, seg->refs + src, n * sizeof *t->elems, n);
  if (tc_)
    TRAP(tc_);
  NEXT(6);
}
CASE(ELEM_DROP) {
  INST->elems[ip[1]].n = 0;
  NEXT(2);
}

// ---- vectors (SIMD) ---------------------------------------------------------
// The work is out of line (exec_simd.c, one function per instruction, its
// index the operation's fn unit); memory accesses are bounds-checked here,
// as the scalar ones, and the function gets the host address.
CASE(V_OP1) {
  WD_SIMD_FNS()[ip[3]](fp, ip, NULL);
  NEXT(5);
}
CASE(V_OP2) {
  WD_SIMD_FNS()[ip[4]](fp, ip, NULL);
  NEXT(6);
}
CASE(V_OP3) {
  WD_SIMD_FNS()[ip[5]](fp, ip, NULL);
  NEXT(6);
}
CASE(V_CONST) {
  memcpy(&fp[ip[1]], &ip[2], 16); // one 16-byte store: a v128 is read whole
  NEXT(6);
}
CASE(V_SHUFFLE) {
  WD_SIMD_FNS()[WD_VI_I8X16_SHUFFLE](fp, ip, NULL);
  NEXT(8);
}
CASE(V_LOAD) {
  ADDR(p, EA_WRAP(R(2), ip[3], ip[4]), ip[6]);
  WD_SIMD_FNS()[ip[5]](fp, ip, p);
  NEXT(7);
}
CASE(V_LOAD_LANE) {
  ADDR(p, EA_WRAP(R(2), ip[4], ip[5]), ip[7]);
  WD_SIMD_FNS()[ip[6]](fp, ip, p);
  NEXT(9);
}
CASE(V_STORE) {
  ADDR(p, EA_WRAP(R(1), ip[3], ip[4]), ip[6]);
  WD_SIMD_FNS()[ip[5]](fp, ip, p);
  NEXT(8);
}
// The inline ones (simd.h's code for the compilation target).
CASE(V128_LOAD) {
  ADDR(p, EA_WRAP(R(2), ip[3], ip[4]), 16);
  memcpy(&fp[ip[1]], p, 16);
  NEXT(5);
}
CASE(V128_STORE) {
  ADDR(p, EA_WRAP(R(1), ip[3], ip[4]), 16);
  memcpy(p, &fp[ip[2]], 16);
  NEXT(5);
}
CASE(V_SPLAT32) {
  VPUT(1, wd_v_i32x4_splat(R(2).i32));
  NEXT(3);
}
CASE(V_BCAST32) {
  uint32_t x;
  memcpy(&x, (const uint8_t *)&fp[ip[2]] + ip[3], 4);
  VPUT(1, wd_v_i32x4_splat(x));
  NEXT(4);
}
#define H_VBIN(NAME, lname)                                                                        \
  CASE(VI_##NAME) {                                                                                \
    VPUT(1, wd_v_##lname(VGET(2), VGET(3)));                                                       \
    NEXT(4);                                                                                       \
  }
H_VBIN(I8X16_ADD, i8x16_add)
H_VBIN(I8X16_EQ, i8x16_eq)
H_VBIN(I16X8_ADD, i16x8_add)
H_VBIN(I32X4_ADD, i32x4_add)
H_VBIN(I32X4_SUB, i32x4_sub)
H_VBIN(F32X4_ADD, f32x4_add)
H_VBIN(F32X4_SUB, f32x4_sub)
H_VBIN(F32X4_MUL, f32x4_mul)
H_VBIN(F64X2_ADD, f64x2_add)
H_VBIN(F64X2_MUL, f64x2_mul)
H_VBIN(V128_AND, v128_and)
H_VBIN(V128_OR, v128_or)
#undef H_VBIN

// ---- numeric operators, from ops.def --------------------------------------
// A handler in its five accumulator forms besides the plain one: X is the
// operand read by the plain form (X_A, X_B), SET the result's destination.
#define H_UN(name, lname, tin, tout)                                                               \
  CASE(name) {                                                                                     \
    PUT_CELL(R(1), tout, wd_num_##lname(R(2).CELL(tin)));                                          \
    NEXT(3);                                                                                       \
  }                                                                                                \
  CASE(name##_XA) {                                                                                \
    PUT_CELL(R(1), tout, wd_num_##lname(ACC_##tin));                                               \
    NEXT(3);                                                                                       \
  }                                                                                                \
  CASE(name##_XD) {                                                                                \
    SET_##tout(wd_num_##lname(R(2).CELL(tin)));                                                    \
    NEXT(3);                                                                                       \
  }                                                                                                \
  CASE(name##_XAD) {                                                                               \
    SET_##tout(wd_num_##lname(ACC_##tin));                                                         \
    NEXT(3);                                                                                       \
  }
#define H_BIN(name, lname, tin, tout)                                                              \
  CASE(name) {                                                                                     \
    PUT_CELL(R(1), tout, wd_num_##lname(R(2).CELL(tin), R(3).CELL(tin)));                          \
    NEXT(4);                                                                                       \
  }                                                                                                \
  CASE(name##_XA) {                                                                                \
    PUT_CELL(R(1), tout, wd_num_##lname(ACC_##tin, R(3).CELL(tin)));                               \
    NEXT(4);                                                                                       \
  }                                                                                                \
  CASE(name##_XB) {                                                                                \
    PUT_CELL(R(1), tout, wd_num_##lname(R(2).CELL(tin), ACC_##tin));                               \
    NEXT(4);                                                                                       \
  }                                                                                                \
  CASE(name##_XD) {                                                                                \
    SET_##tout(wd_num_##lname(R(2).CELL(tin), R(3).CELL(tin)));                                    \
    NEXT(4);                                                                                       \
  }                                                                                                \
  CASE(name##_XAD) {                                                                               \
    SET_##tout(wd_num_##lname(ACC_##tin, R(3).CELL(tin)));                                         \
    NEXT(4);                                                                                       \
  }                                                                                                \
  CASE(name##_XBD) {                                                                               \
    SET_##tout(wd_num_##lname(R(2).CELL(tin), ACC_##tin));                                         \
    NEXT(4);                                                                                       \
  }
// The pinned-local forms (ops.def) of an integer operator.
#define UN_FORM(label, lname, tin, tout, a, d)                                                     \
  CASE(label) {                                                                                    \
    PUT_##d(tout)(wd_num_##lname(SRC_##a(2, tin)));                                                \
    NEXT(3);                                                                                       \
  }
#define BIN_FORM(label, lname, tin, tout, a, b, d)                                                 \
  CASE(label) {                                                                                    \
    PUT_##d(tout)(wd_num_##lname(SRC_##a(2, tin), SRC_##b(3, tin)));                               \
    NEXT(4);                                                                                       \
  }
#define H_PIN_UN_(name, lname, tin, tout)                                                          \
  UN_FORM(name##_LA, lname, tin, tout, L, R)                                                       \
  UN_FORM(name##_LD, lname, tin, tout, R, L)                                                       \
  UN_FORM(name##_LAD, lname, tin, tout, L, L)                                                      \
  UN_FORM(name##_XA_LD, lname, tin, tout, X, L)                                                    \
  UN_FORM(name##_XD_LA, lname, tin, tout, L, X)
#define H_PIN_BIN_(name, lname, tin, tout)                                                         \
  BIN_FORM(name##_LA, lname, tin, tout, L, R, R)                                                   \
  BIN_FORM(name##_LB, lname, tin, tout, R, L, R)                                                   \
  BIN_FORM(name##_LD, lname, tin, tout, R, R, L)                                                   \
  BIN_FORM(name##_LAD, lname, tin, tout, L, R, L)                                                  \
  BIN_FORM(name##_LBD, lname, tin, tout, R, L, L)                                                  \
  BIN_FORM(name##_XA_LB, lname, tin, tout, X, L, R)                                                \
  BIN_FORM(name##_XA_LD, lname, tin, tout, X, R, L)                                                \
  BIN_FORM(name##_XA_LBD, lname, tin, tout, X, L, L)                                               \
  BIN_FORM(name##_XB_LA, lname, tin, tout, L, X, R)                                                \
  BIN_FORM(name##_XB_LD, lname, tin, tout, R, X, L)                                                \
  BIN_FORM(name##_XB_LAD, lname, tin, tout, L, X, L)                                               \
  BIN_FORM(name##_XD_LA, lname, tin, tout, L, R, X)                                                \
  BIN_FORM(name##_XD_LB, lname, tin, tout, R, L, X)                                                \
  BIN_FORM(name##_XAD_LB, lname, tin, tout, X, L, X)                                               \
  BIN_FORM(name##_XBD_LA, lname, tin, tout, L, X, X)
#define H_PIN_NONE_(name, lname, tin, tout)
#define H_PIN_UNT_(name, lname, tin, tout)
#define H_PIN_BINT_(name, lname, tin, tout)                                                        \
  CASE(name##_LD) {                                                                                \
    int r_ = wd_num_##lname(R(2).CELL(tin), R(3).CELL(tin), &R(1).CELL(tout));                     \
    if (r_)                                                                                        \
      TRAP(num_trap(r_));                                                                          \
    l0 = R(1).CELL(tout);                                                                          \
    NEXT(4);                                                                                       \
  }
#define H_UNT(name, lname, tin, tout)                                                              \
  CASE(name) {                                                                                     \
    int r_ = wd_num_##lname(R(2).CELL(tin), &R(1).CELL(tout));                                     \
    if (r_)                                                                                        \
      TRAP(num_trap(r_));                                                                          \
    NEXT(3);                                                                                       \
  }
#define H_BINT(name, lname, tin, tout)                                                             \
  CASE(name) {                                                                                     \
    int r_ = wd_num_##lname(R(2).CELL(tin), R(3).CELL(tin), &R(1).CELL(tout));                     \
    if (r_)                                                                                        \
      TRAP(num_trap(r_));                                                                          \
    NEXT(4);                                                                                       \
  }
// Immediates: 32 bits, sign-extended for i64 operands.
#define IMM_I32(u) ((uint32_t)(u))
#define IMM_I64(u) ((uint64_t)(int64_t)(int32_t)(u))
#define H_BINIMM(name, lname, tin, tout)                                                           \
  CASE(name) {                                                                                     \
    PUT_CELL(R(1), tout, wd_num_##lname(R(2).CELL(tin), IMM_##tin(ip[3])));                        \
    NEXT(4);                                                                                       \
  }                                                                                                \
  CASE(name##_XA) {                                                                                \
    PUT_CELL(R(1), tout, wd_num_##lname(ACC_##tin, IMM_##tin(ip[3])));                             \
    NEXT(4);                                                                                       \
  }                                                                                                \
  CASE(name##_XD) {                                                                                \
    SET_##tout(wd_num_##lname(R(2).CELL(tin), IMM_##tin(ip[3])));                                  \
    NEXT(4);                                                                                       \
  }                                                                                                \
  CASE(name##_XAD) {                                                                               \
    SET_##tout(wd_num_##lname(ACC_##tin, IMM_##tin(ip[3])));                                       \
    NEXT(4);                                                                                       \
  }
#define CMPBR_BODY(cond) BRANCH_IF(cond, 3)
#define H_CMPBR(name, lname, tin)                                                                  \
  CASE(name) { CMPBR_BODY(wd_num_##lname(R(1).CELL(tin), R(2).CELL(tin))); }                       \
  CASE(name##_XA) { CMPBR_BODY(wd_num_##lname(ACC_##tin, R(2).CELL(tin))); }                       \
  CASE(name##_XB) { CMPBR_BODY(wd_num_##lname(R(1).CELL(tin), ACC_##tin)); }                       \
  WD_PIN_IF(                                                                                       \
      tin,                                                                                         \
      CASE(name##_LA) { CMPBR_BODY(wd_num_##lname(PIN_##tin, R(2).CELL(tin))); } CASE(name##_LB) { \
        CMPBR_BODY(wd_num_##lname(R(1).CELL(tin), PIN_##tin));                                     \
      } CASE(name##_XA_LB) {                                                                       \
        CMPBR_BODY(wd_num_##lname(ACC_##tin, PIN_##tin));                                          \
      } CASE(name##_XB_LA) { CMPBR_BODY(wd_num_##lname(PIN_##tin, ACC_##tin)); })
#define H_CMPBR_IMM(name, lname, tin)                                                              \
  CASE(name) { CMPBR_BODY(wd_num_##lname(R(1).CELL(tin), IMM_##tin(ip[2]))); }                     \
  CASE(name##_XA) { CMPBR_BODY(wd_num_##lname(ACC_##tin, IMM_##tin(ip[2]))); }                     \
  WD_PIN_IF(                                                                                       \
      tin, CASE(name##_LA) { CMPBR_BODY(wd_num_##lname(PIN_##tin, IMM_##tin(ip[2]))); })
#define BINIMM_FORM(label, lname, tin, tout, a, d)                                                 \
  CASE(label) {                                                                                    \
    PUT_##d(tout)(wd_num_##lname(SRC_##a(2, tin), IMM_##tin(ip[3])));                              \
    NEXT(4);                                                                                       \
  }
#define WD_OP_SIMPLE(name, lname, wasm, shape, tin, tout)                                          \
  H_##shape(name, lname, tin, tout) WD_PIN_FORMS(H_PIN_, shape, tin, tout)(name, lname, tin, tout)
#define WD_OP_SIMPLE_FC(name, lname, sub, shape, tin, tout) H_##shape(name, lname, tin, tout)
#define WD_OP_BINIMM(name, base, lname, tin, tout)                                                 \
  H_BINIMM(name, lname, tin, tout)                                                                 \
  WD_PIN_IF2(tin, tout,                                                                            \
             BINIMM_FORM(name##_LA, lname, tin, tout, L, R)                                        \
                 BINIMM_FORM(name##_LD, lname, tin, tout, R, L)                                    \
                     BINIMM_FORM(name##_LAD, lname, tin, tout, L, L)                               \
                         BINIMM_FORM(name##_XA_LD, lname, tin, tout, X, L)                         \
                             BINIMM_FORM(name##_XD_LA, lname, tin, tout, L, X))
#define WD_OP_CMPBR(name, base, lname, tin) H_CMPBR(name, lname, tin)
#define WD_OP_CMPBR_IMM(name, base, lname, tin) H_CMPBR_IMM(name, lname, tin)
// The product is stored to a variable, so it is rounded before the add:
// C does not contract across statements, and the build sets
// -ffp-contract=off besides.
#define CTYPE_F32 float
#define CTYPE_F64 double
#define CTYPE_I32 uint32_t
#define MULACC_CASE(label, type, a, put, expr)                                                     \
  CASE(label) {                                                                                    \
    CTYPE_##type p = (a)*R(3).CELL(type);                                                          \
    CTYPE_##type c = R(4).CELL(type);                                                              \
    put(expr);                                                                                     \
    NEXT(5);                                                                                       \
  }
#define WD_OP_MULACC(name, type, expr)                                                             \
  MULACC_CASE(name, type, R(2).CELL(type), PUT_D_##type, expr)                                     \
  WD_PIN_IF(type, MULACC_CASE(name##_XA, type, ACC_##type, PUT_D_##type, expr)                     \
                      MULACC_CASE(name##_LD, type, R(2).CELL(type), PUTL_##type, expr)             \
                          MULACC_CASE(name##_XA_LD, type, ACC_##type, PUTL_##type, expr))
// Float immediates: the constant's bits, one unit for f32, two for f64 (an
// i32's, for I32_MULADD_IMM, is its one unit).
#define FIMM_F32(k) imm_f32(&ip[k])
#define FIMM_F64(k) imm_f64(&ip[k])
#define FIMM_I32(k) ip[k]
#define FLEN_F32 1
#define FLEN_F64 2
#define FLEN_I32 1
#define MULACC_IMM_CASE(label, type, a, put, expr)                                                 \
  CASE(label) {                                                                                    \
    CTYPE_##type p = (a)*FIMM_##type(4);                                                           \
    CTYPE_##type c = R(3).CELL(type);                                                              \
    put(expr);                                                                                     \
    NEXT(4 + FLEN_##type);                                                                         \
  }
#define WD_OP_MULACC_IMM(name, type, expr)                                                         \
  MULACC_IMM_CASE(name, type, R(2).CELL(type), PUT_D_##type, expr)                                 \
  MULACC_IMM_CASE(name##_XA, type, ACC_##type, PUT_D_##type, expr)                                 \
  MULACC_IMM_CASE(name##_XD, type, R(2).CELL(type), SET_##type, expr)                              \
  MULACC_IMM_CASE(name##_XAD, type, ACC_##type, SET_##type, expr)                                  \
  WD_PIN_IF(type, MULACC_IMM_CASE(name##_LD, type, R(2).CELL(type), PUTL_##type, expr)             \
                      MULACC_IMM_CASE(name##_XA_LD, type, ACC_##type, PUTL_##type, expr))
#define FBINIMM_FORMS(name, type, e)                                                               \
  CASE(name) {                                                                                     \
    CTYPE_##type a_ = R(2).CELL(type), k_ = FIMM_##type(3);                                        \
    PUT_CELL(R(1), type, e);                                                                       \
    NEXT(3 + FLEN_##type);                                                                         \
  }                                                                                                \
  CASE(name##_XA) {                                                                                \
    CTYPE_##type a_ = ACC_##type, k_ = FIMM_##type(3);                                             \
    PUT_CELL(R(1), type, e);                                                                       \
    NEXT(3 + FLEN_##type);                                                                         \
  }                                                                                                \
  CASE(name##_XD) {                                                                                \
    CTYPE_##type a_ = R(2).CELL(type), k_ = FIMM_##type(3);                                        \
    SET_##type(e);                                                                                 \
    NEXT(3 + FLEN_##type);                                                                         \
  }                                                                                                \
  CASE(name##_XAD) {                                                                               \
    CTYPE_##type a_ = ACC_##type, k_ = FIMM_##type(3);                                             \
    SET_##type(e);                                                                                 \
    NEXT(3 + FLEN_##type);                                                                         \
  }
#define WD_OP_FBINIMM(name, base, lname, type) FBINIMM_FORMS(name, type, wd_num_##lname(a_, k_))
#define WD_OP_FBINIMM_R(name, base, lname, type) FBINIMM_FORMS(name, type, wd_num_##lname(k_, a_))
// Loop latches: D = A + addend, then compare D and branch.
#define ADDBR_CASE(label, lname, a, put, rhs)                                                      \
  CASE(label) {                                                                                    \
    uint32_t d_ = SRC_##a(2, I32) + ip[3];                                                         \
    PUT_##put(I32)(d_);                                                                            \
    BRANCH_IF(wd_num_##lname(d_, rhs), 5);                                                         \
  }
#define ADDBR_FORMS(name, lname, rhs)                                                              \
  ADDBR_CASE(name, lname, R, R, rhs)                                                               \
  ADDBR_CASE(name##_LA, lname, L, R, rhs)                                                          \
  ADDBR_CASE(name##_LD, lname, R, L, rhs) ADDBR_CASE(name##_LAD, lname, L, L, rhs)
#define WD_OP_ADDBR_IMM(name, cmpbr, lname) ADDBR_FORMS(name, lname, ip[4])
#define WD_OP_ADDBR(name, cmpbr, lname) ADDBR_FORMS(name, lname, R(4).i32)
// Binary operators with a shifted right operand: D = A op shift(B, k).
#define SHIFTOP_CASE(label, type, oplname, shlname, a, b, put)                                     \
  CASE(label) {                                                                                    \
    put(wd_num_##oplname(a, wd_num_##shlname(b, IMM_##type(ip[4]))));                              \
    NEXT(5);                                                                                       \
  }
#define SHIFTOP_FORM(label, type, op, sh, a, b, d)                                                 \
  SHIFTOP_CASE(label, type, op, sh, SRC_##a(2, type), SRC_##b(3, type), PUT_##d(type))
#define SHIFTOP_PIN_FORMS(name, type, op, sh)                                                      \
  SHIFTOP_FORM(name##_LA, type, op, sh, L, R, R)                                                   \
  SHIFTOP_FORM(name##_LB, type, op, sh, R, L, R)                                                   \
  SHIFTOP_FORM(name##_LD, type, op, sh, R, R, L)                                                   \
  SHIFTOP_FORM(name##_LAD, type, op, sh, L, R, L)                                                  \
  SHIFTOP_FORM(name##_LBD, type, op, sh, R, L, L)                                                  \
  SHIFTOP_FORM(name##_XA_LB, type, op, sh, X, L, R)                                                \
  SHIFTOP_FORM(name##_XA_LD, type, op, sh, X, R, L)                                                \
  SHIFTOP_FORM(name##_XA_LBD, type, op, sh, X, L, L)                                               \
  SHIFTOP_FORM(name##_XB_LA, type, op, sh, L, X, R)                                                \
  SHIFTOP_FORM(name##_XB_LD, type, op, sh, R, X, L)                                                \
  SHIFTOP_FORM(name##_XB_LAD, type, op, sh, L, X, L)                                               \
  SHIFTOP_FORM(name##_XD_LA, type, op, sh, L, R, X)                                                \
  SHIFTOP_FORM(name##_XD_LB, type, op, sh, R, L, X)                                                \
  SHIFTOP_FORM(name##_XAD_LB, type, op, sh, X, L, X)                                               \
  SHIFTOP_FORM(name##_XBD_LA, type, op, sh, L, X, X)
#define WD_OP_SHIFTOP(name, type, op, sh)                                                          \
  WD_PIN_IF(type, SHIFTOP_PIN_FORMS(name, type, op, sh))                                           \
  SHIFTOP_CASE(name, type, op, sh, R(2).CELL(type), R(3).CELL(type), PUT_D_##type)                 \
  SHIFTOP_CASE(name##_XA, type, op, sh, ACC_##type, R(3).CELL(type), PUT_D_##type)                 \
  SHIFTOP_CASE(name##_XB, type, op, sh, R(2).CELL(type), ACC_##type, PUT_D_##type)                 \
  SHIFTOP_CASE(name##_XD, type, op, sh, R(2).CELL(type), R(3).CELL(type), SET_##type)              \
  SHIFTOP_CASE(name##_XAD, type, op, sh, ACC_##type, R(3).CELL(type), SET_##type)                  \
  SHIFTOP_CASE(name##_XBD, type, op, sh, R(2).CELL(type), ACC_##type, SET_##type)
// select on an i32 comparison: D A B C1 C2, D = cmp(C1, C2) ? A : B; the
// _IMM forms compare with a constant.
#define SELECT_CMP_CASE(label, lname, c1, c2, pin)                                                 \
  SELECT_CASE(label, wd_num_##lname(c1, c2), 6, pin)
// (_LD: into the pinned local.)
#define SELECT_CMP_FORMS(name, lname, sfx, pin)                                                    \
  SELECT_CMP_CASE(name##sfx, lname, R(4).i32, R(5).i32, pin)                                       \
  SELECT_CMP_CASE(name##_IMM##sfx, lname, R(4).i32, ip[5], pin)                                    \
  SELECT_CMP_CASE(name##_XC##sfx, lname, ACC_I32, R(5).i32, pin)                                   \
  SELECT_CMP_CASE(name##_IMM_XC##sfx, lname, ACC_I32, ip[5], pin)
#define WD_OP_SELECT_CMP(name, base, lname)                                                        \
  SELECT_CMP_FORMS(name, lname, , (void)0) SELECT_CMP_FORMS(name, lname, _LD, l0 = v_)
// f64 operators with an operand loaded from memory: p is A, q the loaded
// value.
#define FLOADOP_CASE(label, ea, len, a, put, expr)                                                 \
  CASE(label) {                                                                                    \
    ADDR(m_, ea, 8);                                                                               \
    double p = (a), q = f64_of_bits(ld64(m_));                                                     \
    put(expr);                                                                                     \
    NEXT(len);                                                                                     \
  }
#define WD_OP_FLOADOP(name, expr)                                                                  \
  FLOADOP_CASE(name##_M, EA(R(3), ip[4]), 5, R(2).f64, PUT_D_F64, expr)                            \
  FLOADOP_CASE(name##_MAI, EA_WRAP(R(3), ip[4], ip[5]), 6, R(2).f64, PUT_D_F64, expr)              \
  FLOADOP_CASE(name##_M_XA, EA(R(3), ip[4]), 5, ACC_F64, PUT_D_F64, expr)                          \
  FLOADOP_CASE(name##_M_XD, EA(R(3), ip[4]), 5, R(2).f64, SET_F64, expr)                           \
  FLOADOP_CASE(name##_M_XAD, EA(R(3), ip[4]), 5, ACC_F64, SET_F64, expr)                           \
  FLOADOP_CASE(name##_MAI_XA, EA_WRAP(R(3), ip[4], ip[5]), 6, ACC_F64, PUT_D_F64, expr)            \
  FLOADOP_CASE(name##_MAI_XD, EA_WRAP(R(3), ip[4], ip[5]), 6, R(2).f64, SET_F64, expr)             \
  FLOADOP_CASE(name##_MAI_XAD, EA_WRAP(R(3), ip[4], ip[5]), 6, ACC_F64, SET_F64, expr)
#define WD_OP_ANY(name)
#include "interp/ops.def"

// Calls host function CALLEE with its arguments at NFP, with a frame of
// ours on the stack for backtraces; its results replace the arguments. A
// wasm exception it throws (or lets through) is thrown on by on_exn. ip is
// the call's return address, as in a frame record (traps: TRAP_AFTER).
#define CALL_HOST(on_exn)                                                                          \
  do {                                                                                             \
    if (WD_STACK_SHORT(S, S->depth >= atomic_load_explicit(&S->max_depth, memory_order_relaxed) || \
                              S->nesting >= 256))                                                  \
      TRAP_AFTER(wd_depth_trap(S));                                                                \
    S->frames[S->depth++] = (wd_frame_t){.ip = ip, .fp = fp, .func = CUR, .pinned = (uint32_t)l0}; \
    S->nesting++;                                                                                  \
    ward_trap_t *ht_ = call_host(S, CALLEE, NFP, INST, fp + CUR->code->frame_cells);               \
    S->nesting--;                                                                                  \
    S->depth--;                                                                                    \
    if (ht_) {                                                                                     \
      EXN = wd_trap_take_exn(ht_);                                                                 \
      if (!EXN)                                                                                    \
        HOST_TRAP(ht_);                                                                            \
      on_exn;                                                                                      \
    }                                                                                              \
  } while (0)
// Starts wasm function CALLEE (its code `code`) in the frame at fp.
#define ENTER_CALLEE(code)                                                                         \
  do {                                                                                             \
    CUR = CALLEE;                                                                                  \
    TRACK_CUR(CUR);                                                                                \
    zero_locals(fp, code);                                                                         \
    l0 = fp[(code)->pin].i64;                                                                      \
    if (CALLEE->inst != INST) {                                                                    \
      INST = CALLEE->inst;                                                                         \
      LOAD_MEM();                                                                                  \
    }                                                                                              \
    ip = CALLEE->entry;                                                                            \
    DISPATCH_TOKEN(CALLEE->entry_tok);                                                             \
  } while (0)
AUX(do_call) {
  if (CALLEE->code) {
    const wd_code_t *code = CALLEE->code;
    if (WD_STACK_SHORT(S, S->depth >= atomic_load_explicit(&S->max_depth, memory_order_relaxed) ||
                              NFP + code->frame_cells > S->stack_end))
      TRAP_AFTER(wd_depth_trap(S));
    S->frames[S->depth++] = (wd_frame_t){ip, fp, CUR, (uint32_t)l0, *ip};
    fp = NFP;
    ENTER_CALLEE(code);
  }
  CALL_HOST(DO_THROW());
  TRACK_CUR(CUR);
  LOAD_MEM();
  DISPATCH();
}
// A tail call: the callee takes over this frame, its arguments moved from
// NFP to the frame's start, so a chain of tail calls runs in constant
// stack space; it returns to this function's caller.
AUX(do_tail_call) {
  if (CALLEE->code) {
    const wd_code_t *code = CALLEE->code;
    if (WD_STACK_SHORT(S, fp + code->frame_cells > S->stack_end))
      TRAP(WARD_TRAP_STACK_EXHAUSTED);
    // NFP lies above fp (or is fp): an ascending copy never overwrites an
    // argument before reading it.
    for (uint32_t i_ = 0, n_ = code->param_cells; i_ < n_; i_++)
      fp[i_] = NFP[i_];
    ENTER_CALLEE(code);
  }
  // A host function: called as `call` calls it (ip past the call's start,
  // as a return address), then its results returned; an exception it
  // throws comes from this function's caller, as the function is gone.
  ip += 1;
  CALL_HOST({
    if (S->depth == ENTRY)
      TRAP_AFTER(WARD_TRAP_EXCEPTION);
    RESUME_FRAME(S->depth - 1);
    DO_THROW();
  });
  memmove(fp, NFP, (size_t)CALLEE->type->result_cells * sizeof *fp);
  RETURN_BODY();
}
// Throws EXN from the function running at ip (ip - 1 in the instruction
// that threw or in the call it threw through): finds the catch clause
// first, so that an exception nothing catches leaves with the whole
// backtrace; then goes to the frame of the clause and lands there.
COLD_AUX(do_throw) {
  uint32_t at_;
  const wd_catch_t *h_ = find_catch(S, CUR, ip, ENTRY, EXN, &at_);
  if (!h_)
    TRAP_AFTER(WARD_TRAP_EXCEPTION);
  if (at_ != S->depth)
    RESUME_FRAME(at_); // ip and the pinned local are set at the landing
  const wd_code_t *code_ = CUR->code;
  land(EXN, h_, fp, code_);
  EXN = NULL;
  l0 = fp[code_->pin].i64;
  ip = code_->ops + h_->landing;
  DISPATCH();
}

// ---- memory64 and multi-memory ------------------------------------------
// Last in the dispatch function, so that the handlers above keep their
// places in it (and the code its compiler makes for them).
// Any memory (ops.def M_LOAD ...): the work is out of line (exec_mem.c),
// so that these rare operations do not weigh on the dispatch function's
// registers; a false return is an access out of bounds.
CASE(M_LOAD) {
  if (!wd_any_fns[ip[6]](INST, fp, ip))
    TRAP(WARD_TRAP_MEMORY_OOB);
  NEXT(7);
}
CASE(M_STORE) {
  if (!wd_any_fns[ip[6]](INST, fp, ip))
    TRAP(WARD_TRAP_MEMORY_OOB);
  NEXT(7);
}
COLD_CASE(M_MEMORY_SIZE) {
  wd_any_size(INST, fp, ip);
  NEXT(3);
}
COLD_CASE(M_MEMORY_GROW) {
  wd_any_grow(INST, fp, ip);
  LOAD_MEM(); // memory 0 may be this one (a memory imported twice)
  NEXT(4);
}
COLD_CASE(M_MEMORY_INIT) {
  ward_trapcode_t tc_ = wd_any_init(INST, fp, ip);
  if (tc_)
    TRAP(tc_);
  NEXT(6);
}
COLD_CASE(M_MEMORY_COPY) {
  ward_trapcode_t tc_ = wd_any_copy(INST, fp, ip);
  if (tc_)
    TRAP(tc_);
  NEXT(6);
}
COLD_CASE(M_MEMORY_FILL) {
  ward_trapcode_t tc_ = wd_any_fill(INST, fp, ip);
  if (tc_)
    TRAP(tc_);
  NEXT(5);
}
COLD_CASE(V_LOAD_M) {
  if (!wd_any_vload(INST, fp, ip))
    TRAP(WARD_TRAP_MEMORY_OOB);
  NEXT(8);
}
COLD_CASE(V_LOAD_LANE_M) {
  if (!wd_any_vload_lane(INST, fp, ip))
    TRAP(WARD_TRAP_MEMORY_OOB);
  NEXT(10);
}
COLD_CASE(V_STORE_M) {
  if (!wd_any_vstore(INST, fp, ip))
    TRAP(WARD_TRAP_MEMORY_OOB);
  NEXT(9);
}
CASE(TABLE_INDEX64) {
  uint64_t i = R(2).i64;
  WD_PUT_I32(R(1), i > UINT32_MAX ? UINT32_MAX : (uint32_t)i);
  NEXT(3);
}

// ---- limits (include/ward/limits.h) -----------------------------------------
// Only in the code of modules whose engine asked for them (ops.def).
#define CHARGE_FUEL()                                                                              \
  do {                                                                                             \
    if ((S->fuel -= (int64_t)ip[1]) < 0) {                                                         \
      S->fuel = 0;                                                                                 \
      TRAP(WARD_TRAP_OUT_OF_FUEL);                                                                 \
    }                                                                                              \
  } while (0)
#ifdef WD_TAIL
// The run's own flag, one load nearer than the store's (rt.h: run_intr).
// Once set, it is cleared before intr is read: an interrupt that comes
// between sets it again. Set for an interrupt the host has since cleared,
// the code goes on.
#define CHECK_INTERRUPT()                                                                          \
  do {                                                                                             \
    if (atomic_load_explicit(&cx->intr, memory_order_relaxed)) {                                   \
      atomic_store(&cx->intr, 0);                                                                  \
      if (atomic_load(&S->intr))                                                                   \
        TRAP(WARD_TRAP_INTERRUPT);                                                                 \
    }                                                                                              \
  } while (0)
#else
#define CHECK_INTERRUPT()                                                                          \
  do {                                                                                             \
    if (atomic_load_explicit(&S->intr, memory_order_relaxed))                                      \
      TRAP(WARD_TRAP_INTERRUPT);                                                                   \
  } while (0)
#endif
CASE(CHECK_FUEL) {
  CHARGE_FUEL();
  NEXT(2);
}
CASE(CHECK_INTR) {
  CHECK_INTERRUPT();
  NEXT(2);
}
CASE(CHECK_FUEL_INTR) {
  CHECK_INTERRUPT();
  CHARGE_FUEL();
  NEXT(2);
}
CASE(FUEL) {
  S->fuel -= (int64_t)ip[1];
  NEXT(2);
}

// The twins of branches that may close a loop (ops.def, WD_OP_TWIN): check
// for an interrupt, then go on as the branch.
CASE(BR_INTR) {
  CHECK_INTERRUPT();
  GOTO_OP(BR);
}
#ifndef WD_TAIL
CASE(BR_IF_INTR) {
  CHECK_INTERRUPT();
  GOTO_OP(BR_IF);
}
#else
// In the tail-call build, every conditional branch that may close a loop
// has its twin, made from the branch's own handler: with CASE naming
// NAME_INTR, and a BRANCH_IF that checks for an interrupt only when the
// branch is taken. A loop's latch is often not taken (a loop that runs
// once or twice, as the recursion turned into loops by the compiler in
// fib_rec), and then it costs nothing.
#undef CASE
#undef BRANCH_IF
#define CASE(name) HANDLER(h_##name##_INTR)
#define BRANCH_IF(cond, j)                                                                         \
  do {                                                                                             \
    if (cond) {                                                                                    \
      CHECK_INTERRUPT();                                                                           \
      ip += (j) + (int32_t)ip[j];                                                                  \
    } else {                                                                                       \
      ip += (j) + 1;                                                                               \
    }                                                                                              \
    DISPATCH();                                                                                    \
  } while (0)
BR_IF_CASES
ADDBR_Z_CASES
// A br_table's twin checks when it jumps back (a dispatch loop's copy of
// its head, compile_disp.c, jumping to an earlier case).
#undef TABLE_BACK
#define TABLE_BACK() CHECK_INTERRUPT()
BR_TABLE_CASES
#define ADDI_TABLE_TWIN(t) ADDI_TABLE_CASE(t, _INTR)
#define ADDI_LA_TABLE_TWIN(t) ADDI_LA_TABLE_CASE(t, _INTR)
WD_ADDI_TABLES(ADDI_TABLE_TWIN)
WD_ADDI_LA_TABLES(ADDI_LA_TABLE_TWIN)
#include "interp/ops_none.h"
#undef WD_OP_CMPBR
#undef WD_OP_CMPBR_IMM
#undef WD_OP_ADDBR_IMM
#undef WD_OP_ADDBR
#define WD_OP_CMPBR(name, base, lname, tin) H_CMPBR(name, lname, tin)
#define WD_OP_CMPBR_IMM(name, base, lname, tin) H_CMPBR_IMM(name, lname, tin)
#define WD_OP_ADDBR_IMM(name, cmpbr, lname) ADDBR_FORMS(name, lname, ip[4])
#define WD_OP_ADDBR(name, cmpbr, lname) ADDBR_FORMS(name, lname, R(4).i32)
#include "interp/ops.def"
#undef CASE
#undef BRANCH_IF
#undef TABLE_BACK
#define CASE(name) HANDLER(h_##name)
#endif
