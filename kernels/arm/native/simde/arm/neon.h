/* The NEON kernels on aarch64: this file stands in for SIMDe's header of the
 * same name (kernels/CMakeLists.txt puts kernels/arm/native on the include
 * path for aarch64 targets only), so kernels/arm/ is compiled against the
 * compiler's own <arm_neon.h> and runs the instructions an ARM compiler
 * picks, with their real semantics; off ARM the same sources go through
 * SIMDe. Each simde_ name the kernels use maps to its native intrinsic: a
 * kernel that uses a new one fails to build for aarch64 (implicit declaration
 * of simde_...) until its line is added here. */
#ifndef GLYPHFX_NATIVE_NEON_H
#define GLYPHFX_NATIVE_NEON_H

#if !defined(__aarch64__)
#error "kernels/arm/native is for aarch64 targets; elsewhere the NEON kernels use SIMDe"
#endif
#include <arm_neon.h>

/* What SIMDe defines when it forwards to native NEON; the kernels test it
 * where SIMDe's emulation differs from the instruction. */
#define SIMDE_ARM_NEON_A32V7_NATIVE 1
#define SIMDE_ARM_NEON_A64V8_NATIVE 1

#define simde_int16x4_t int16x4_t
#define simde_int16x8_t int16x8_t
#define simde_int32x4_t int32x4_t
#define simde_float32x4_t float32x4_t
#define simde_int8x16_t int8x16_t
#define simde_uint16x4_t uint16x4_t
#define simde_uint16x8_t uint16x8_t
#define simde_uint32x2_t uint32x2_t
#define simde_uint32x4_t uint32x4_t
#define simde_uint64x2_t uint64x2_t
#define simde_uint8x16_t uint8x16_t
#define simde_uint8x16x3_t uint8x16x3_t
#define simde_uint8x16x4_t uint8x16x4_t
#define simde_uint8x8_t uint8x8_t
#define simde_uint8x8x3_t uint8x8x3_t

#define simde_vabdq_u16 vabdq_u16
#define simde_vabdq_u8 vabdq_u8
#define simde_vabsq_s8 vabsq_s8
#define simde_vaddhn_u16 vaddhn_u16
#define simde_vaddl_u8 vaddl_u8
#define simde_vaddlvq_u32 vaddlvq_u32
#define simde_vaddq_f32 vaddq_f32
#define simde_vaddq_u16 vaddq_u16
#define simde_vaddq_u32 vaddq_u32
#define simde_vaddw_u8 vaddw_u8
#define simde_vandq_u16 vandq_u16
#define simde_vandq_u8 vandq_u8
#define simde_vbslq_u16 vbslq_u16
#define simde_vbslq_u8 vbslq_u8
#define simde_vceqq_u16 vceqq_u16
#define simde_vceqq_u8 vceqq_u8
#define simde_vcgeq_u8 vcgeq_u8
#define simde_vcgtq_s16 vcgtq_s16
#define simde_vcgtq_u8 vcgtq_u8
#define simde_vcleq_u8 vcleq_u8
#define simde_vcombine_s16 vcombine_s16
#define simde_vcombine_u16 vcombine_u16
#define simde_vcombine_u32 vcombine_u32
#define simde_vcombine_u8 vcombine_u8
#define simde_vcvtq_f32_u32 vcvtq_f32_u32
#define simde_vcvtq_u32_f32 vcvtq_u32_f32
#define simde_vdup_n_u32 vdup_n_u32
#define simde_vdup_n_u8 vdup_n_u8
#define simde_vdupq_n_f32 vdupq_n_f32
#define simde_vdupq_n_s16 vdupq_n_s16
#define simde_vdupq_n_s32 vdupq_n_s32
#define simde_vdupq_n_u16 vdupq_n_u16
#define simde_vdupq_n_u32 vdupq_n_u32
#define simde_vdupq_n_u8 vdupq_n_u8
#define simde_veorq_u16 veorq_u16
#define simde_veorq_u32 veorq_u32
#define simde_vget_high_s16 vget_high_s16
#define simde_vget_high_u16 vget_high_u16
#define simde_vget_high_u32 vget_high_u32
#define simde_vget_high_u8 vget_high_u8
#define simde_vget_low_s16 vget_low_s16
#define simde_vget_low_u16 vget_low_u16
#define simde_vget_low_u32 vget_low_u32
#define simde_vget_low_u8 vget_low_u8
#define simde_vld1_u8 vld1_u8
#define simde_vld1q_u16 vld1q_u16
#define simde_vld1q_u32 vld1q_u32
#define simde_vld1q_u8 vld1q_u8
#define simde_vld1q_u8_x4 vld1q_u8_x4
#define simde_vld3_u8 vld3_u8
#define simde_vld3q_u8 vld3q_u8
#define simde_vmax_u8 vmax_u8
#define simde_vmaxq_s16 vmaxq_s16
#define simde_vmaxq_u16 vmaxq_u16
#define simde_vmaxq_u8 vmaxq_u8
#define simde_vmaxvq_u16 vmaxvq_u16
#define simde_vminq_s16 vminq_s16
#define simde_vminq_u16 vminq_u16
#define simde_vmlal_n_s16 vmlal_n_s16
#define simde_vmlal_n_u16 vmlal_n_u16
#define simde_vmlal_u8 vmlal_u8
#define simde_vmlaq_n_u32 vmlaq_n_u32
#define simde_vmlsl_n_u16 vmlsl_n_u16
#define simde_vmovl_u16 vmovl_u16
#define simde_vmovl_u8 vmovl_u8
#define simde_vmovn_u16 vmovn_u16
#define simde_vmovn_u32 vmovn_u32
#define simde_vmovn_u64 vmovn_u64
#define simde_vmull_u32 vmull_u32
#define simde_vmull_u8 vmull_u8
#define simde_vmulq_f32 vmulq_f32
#define simde_vmulq_n_u16 vmulq_n_u16
#define simde_vmulq_n_u32 vmulq_n_u32
#define simde_vmulq_u16 vmulq_u16
#define simde_vorrq_u16 vorrq_u16
#define simde_vorrq_u8 vorrq_u8
#define simde_vpadalq_u16 vpadalq_u16
#define simde_vpadalq_u8 vpadalq_u8
#define simde_vpaddlq_u8 vpaddlq_u8
#define simde_vqaddq_u8 vqaddq_u8
#define simde_vqmovun_s16 vqmovun_s16
#define simde_vqrdmulhq_s16 vqrdmulhq_s16
#define simde_vqshrn_n_s32 vqshrn_n_s32
#define simde_vqtbl1q_u8 vqtbl1q_u8
#define simde_vqtbl4q_u8 vqtbl4q_u8
#define simde_vqtbx4q_u8 vqtbx4q_u8
#define simde_vrecpeq_f32 vrecpeq_f32
#define simde_vrecpsq_f32 vrecpsq_f32
#define simde_vreinterpretq_s16_u16 vreinterpretq_s16_u16
#define simde_vreinterpretq_s8_u8 vreinterpretq_s8_u8
#define simde_vreinterpretq_u16_s16 vreinterpretq_u16_s16
#define simde_vreinterpretq_u16_u8 vreinterpretq_u16_u8
#define simde_vreinterpretq_u8_s8 vreinterpretq_u8_s8
#define simde_vreinterpretq_u8_u16 vreinterpretq_u8_u16
#define simde_vrshrn_n_u16 vrshrn_n_u16
#define simde_vrshrq_n_u16 vrshrq_n_u16
#define simde_vshlq_n_u16 vshlq_n_u16
#define simde_vshrn_n_u32 vshrn_n_u32
#define simde_vshrq_n_u16 vshrq_n_u16
#define simde_vshrq_n_u32 vshrq_n_u32
#define simde_vshrq_n_u8 vshrq_n_u8
#define simde_vsqaddq_u8 vsqaddq_u8
#define simde_vst1_u8 vst1_u8
#define simde_vst1q_u16 vst1q_u16
#define simde_vst1q_u32 vst1q_u32
#define simde_vst1q_u8 vst1q_u8
#define simde_vst3q_u8 vst3q_u8
#define simde_vst4q_u8 vst4q_u8
#define simde_vsubq_u16 vsubq_u16
#define simde_vsubq_u8 vsubq_u8

#endif
