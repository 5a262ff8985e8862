// SPDX-License-Identifier: Apache-2.0
// Defines every row macro of ops.def but WD_OP_ANY as nothing. A list of
// the operations of some rows includes this, #undefs the row macros it
// wants, defines WD_OP_ANY and includes ops.def: the rows left undefined
// take ops.def's own expansion, once per operation, through WD_OP_ANY, and
// the others give nothing. (ops.def #undefs them all at its end.)
#define WD_OP_SIMPLE(...)
#define WD_OP_SIMPLE_FC(...)
#define WD_OP_SPECIAL(...)
#define WD_OP_BINIMM(...)
#define WD_OP_CMPBR(...)
#define WD_OP_CMPBR_IMM(...)
#define WD_OP_MULACC(...)
#define WD_OP_MULACC_IMM(...)
#define WD_OP_FBINIMM(...)
#define WD_OP_FBINIMM_R(...)
#define WD_OP_LOAD(...)
#define WD_OP_LOAD_F64(...)
#define WD_OP_STORE(...)
#define WD_OP_FLOADOP(...)
#define WD_OP_SHIFTOP(...)
#define WD_OP_SELECT_CMP(...)
#define WD_OP_ADDBR_IMM(...)
#define WD_OP_ADDBR(...)
#define WD_OP_TWIN(...)
#define WD_OP_TWIN_D(...)
